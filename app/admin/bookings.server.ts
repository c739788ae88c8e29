import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, emailLog, payments, refunds, users, webhookEvents } from "#app/db/schema.server";
import { bookingsWithShow, bookingWithShow } from "#app/payments/bookings.server";
import { salesOfBooking, type ShardEnv } from "#app/db/shards.server";
import { normalizePhone } from "#app/domain/phone";
import { bookingIdForCode } from "#app/tickets/ticket.server";
import type { Db } from "#app/utils/db.server";
import { inScope, scopeWhere, type Scope } from "./guard.server";

/**
 * A booking id, short box-office code (any case) or Razorpay order/payment id finds that booking; an email finds the bookings of
 * that customer. A mobile number is not proof of anything (it is unverified and more than one
 * account may give it), so it finds bookings only together with `also`: the booking id or part of
 * the customer's name (3+ letters). Without it the answer is "needs_more", never a list.
 */
export async function lookupBookings(env: ShardEnv, db: Db, q: string, scope: Scope, also = "") {
  const within = scopeWhere(scope, cinemas.id);
  if (q.includes("@")) return bookingsWithShow(db).where(and(eq(users.email, q.toLowerCase()), within)).orderBy(desc(bookings.createdAt)).limit(100).all();
  // A box-office code is looked up in every booking database (ADR 031).
  const byCode = await bookingIdForCode(env, q);
  if (byCode) {
    const row = await bookingWithShow(env, byCode);
    return row && inScope(scope, row.cinemaId) ? [row] : [];
  }
  const phone = normalizePhone(q);
  if (phone) {
    const second = also.trim();
    if (second.length < 3) return "needs_more" as const;
    return bookingsWithShow(db)
      .where(and(eq(users.phone, phone), or(eq(bookings.id, second), sql`instr(lower(${users.name}), lower(${second})) > 0`), within))
      .orderBy(desc(bookings.createdAt))
      .limit(100)
      .all();
  }
  return bookingsWithShow(db).where(and(or(eq(bookings.id, q), eq(bookings.razorpayOrderId, q), eq(bookings.razorpayPaymentId, q)), within)).limit(100).all();
}

export async function bookingDetail(env: ShardEnv, bookingId: string) {
  // The booking's own database for its rows, the shared one for its customer and show (ADR 031).
  const row = await bookingWithShow(env, bookingId);
  if (!row) return null;
  const { db } = salesOfBooking(env, bookingId);
  const order = row.booking.razorpayOrderId;
  const [seats, paymentRows, refundRows, emails, webhooks] = await Promise.all([
    db.select().from(bookingSeats).where(eq(bookingSeats.bookingId, bookingId)).orderBy(asc(bookingSeats.seatId)).all(),
    db.select().from(payments).where(eq(payments.bookingId, bookingId)).orderBy(asc(payments.createdAt)).all(),
    db.select().from(refunds).where(eq(refunds.bookingId, bookingId)).orderBy(asc(refunds.createdAt)).all(),
    db.select().from(emailLog).where(eq(emailLog.bookingId, bookingId)).orderBy(asc(emailLog.createdAt)).all(),
    // Webhooks carry Razorpay's ids, not ours: match on the booking's order id inside the payload.
    order
      ? db
          .select({ id: webhookEvents.id, event: webhookEvents.event, receivedAt: webhookEvents.receivedAt, processedAt: webhookEvents.processedAt })
          .from(webhookEvents)
          .where(sql`instr(${webhookEvents.payload}, ${order}) > 0`)
          .orderBy(asc(webhookEvents.receivedAt))
          .limit(50)
          .all()
      : Promise.resolve([]),
  ]);
  return { ...row, seats, payments: paymentRows, refunds: refundRows, emails, webhooks };
}

/**
 * A showtime's bookings that reached payment (confirmed, refunding, refunded, cancelled), oldest
 * first, each with its seat ids.
 */
export async function showtimeBookingsForAdmin(db: Db, showtimeId: string) {
  const rows = await db
    .select({ id: bookings.id, status: bookings.status, total: bookings.totalAmount, email: users.email, checkedInAt: bookings.checkedInAt })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(and(eq(bookings.showtimeId, showtimeId), inArray(bookings.status, ["CONFIRMED", "REFUND_PENDING", "REFUNDED", "CANCELLED"])))
    .orderBy(asc(bookings.createdAt))
    .all();
  const seatRows = rows.length
    ? await db.select({ bookingId: bookingSeats.bookingId, seatId: bookingSeats.seatId }).from(bookingSeats).where(eq(bookingSeats.showtimeId, showtimeId)).all()
    : [];
  return rows.map((b) => ({ ...b, seatIds: seatRows.filter((r) => r.bookingId === b.id).map((r) => r.seatId) }));
}
