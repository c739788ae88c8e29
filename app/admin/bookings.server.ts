import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { bookings, bookingSeats, emailLog, payments, refunds, users, webhookEvents } from "#app/db/schema.server";
import { bookingWithShow, showsOf } from "#app/payments/bookings.server";
import { allSales, salesIn, salesOfBooking, salesOfShowtime, type ShardEnv } from "#app/db/shards.server";
import { normalizePhone } from "#app/domain/phone";
import { bookingIdForCode } from "#app/tickets/ticket.server";
import type { Db } from "#app/utils/db.server";
import { inScope, type Scope } from "./guard.server";

/**
 * A booking id, short box-office code (any case) or Razorpay order/payment id finds that booking; an email finds the bookings of
 * that customer. A mobile number is not proof of anything (it is unverified and more than one
 * account may give it), so it finds bookings only together with `also`: the booking id or part of
 * the customer's name (3+ letters). Without it the answer is "needs_more", never a list.
 */
export async function lookupBookings(env: ShardEnv, db: Db, q: string, scope: Scope, also = "") {
  if (q.includes("@")) {
    const owners = await db.select({ id: users.id }).from(users).where(eq(users.email, q.toLowerCase())).all();
    return bookingsInEveryShard(env, scope, (b) => inArray(b.userId, owners.map((o) => o.id)));
  }
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
    const owners = await db.select({ id: users.id, named: sql<number>`instr(lower(${users.name}), lower(${second})) > 0` }).from(users).where(eq(users.phone, phone)).all();
    const named = owners.filter((o) => o.named).map((o) => o.id);
    const all = owners.map((o) => o.id);
    return bookingsInEveryShard(env, scope, (b) => or(inArray(b.userId, named), and(inArray(b.userId, all), eq(b.id, second))));
  }
  return bookingsInEveryShard(env, scope, (b) => or(eq(b.id, q), eq(b.razorpayOrderId, q), eq(b.razorpayPaymentId, q)));
}

/**
 * Bookings matching `where` in every booking database (ADR 031), newest first, at most 100, each with
 * its customer and show from the shared database, within the staff member's cinemas.
 */
async function bookingsInEveryShard(env: ShardEnv, scope: Scope, where: (b: typeof bookings) => SQL | undefined) {
  const perShard = await Promise.all(allSales(env).map(({ db }) => db.select().from(bookings).where(where(bookings)).orderBy(desc(bookings.createdAt)).limit(100).all()));
  const found = perShard.flat().sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)).slice(0, 100);
  const byUser = new Map<string, typeof found>();
  for (const b of found) byUser.set(b.userId, [...(byUser.get(b.userId) ?? []), b]);
  const shows = new Map<string, Awaited<ReturnType<typeof showsOf>>>();
  for (const [userId, own] of byUser) shows.set(userId, await showsOf(env, userId, [...new Set(own.map((b) => b.showtimeId))]));
  return found.flatMap((booking) => {
    const show = shows.get(booking.userId)?.get(booking.showtimeId);
    return show && inScope(scope, show.cinemaId) ? [{ ...show, booking }] : [];
  });
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
export async function showtimeBookingsForAdmin(env: ShardEnv, showtimeId: string) {
  // The show's bookings are in its shard, their customers in the shared database (ADR 031).
  const { db } = await salesOfShowtime(env, showtimeId);
  const found = await db
    .select({ id: bookings.id, status: bookings.status, total: bookings.totalAmount, userId: bookings.userId, checkedInAt: bookings.checkedInAt })
    .from(bookings)
    .where(and(eq(bookings.showtimeId, showtimeId), inArray(bookings.status, ["CONFIRMED", "REFUND_PENDING", "REFUNDED", "CANCELLED"])))
    .orderBy(asc(bookings.createdAt))
    .all();
  const emails = new Map<string, string>();
  const userIds = [...new Set(found.map((b) => b.userId))];
  for (let i = 0; i < userIds.length; i += 90) {
    const part = await salesIn(env, 0).db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds.slice(i, i + 90))).all();
    for (const u of part) emails.set(u.id, u.email);
  }
  const rows = found.map(({ userId, ...b }) => ({ ...b, email: emails.get(userId) ?? "" }));
  const seatRows = rows.length
    ? await db.select({ bookingId: bookingSeats.bookingId, seatId: bookingSeats.seatId }).from(bookingSeats).where(eq(bookingSeats.showtimeId, showtimeId)).all()
    : [];
  return rows.map((b) => ({ ...b, seatIds: seatRows.filter((r) => r.bookingId === b.id).map((r) => r.seatId) }));
}
