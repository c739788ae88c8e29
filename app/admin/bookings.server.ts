import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { bookings, bookingSeats, emailLog, payments, refunds, users, webhookEvents } from "#app/db/schema.server";
import { bookingsWithShow } from "#app/payments/bookings.server";
import { normalizePhone } from "#app/domain/phone";
import type { Db } from "#app/utils/db.server";

/**
 * A booking id (or Razorpay order/payment id) finds that booking; an email finds the bookings of
 * that customer. A mobile number is not proof of anything (it is unverified and more than one
 * account may give it), so it finds bookings only together with `also`: the booking id or part of
 * the customer's name (3+ letters). Without it the answer is "needs_more", never a list.
 */
export async function lookupBookings(db: Db, q: string, also = "") {
  if (q.includes("@")) return bookingsWithShow(db).where(eq(users.email, q.toLowerCase())).orderBy(desc(bookings.createdAt)).limit(100).all();
  const phone = normalizePhone(q);
  if (phone) {
    const second = also.trim();
    if (second.length < 3) return "needs_more" as const;
    return bookingsWithShow(db)
      .where(and(eq(users.phone, phone), or(eq(bookings.id, second), sql`instr(lower(${users.name}), lower(${second})) > 0`)))
      .orderBy(desc(bookings.createdAt))
      .limit(100)
      .all();
  }
  return bookingsWithShow(db).where(or(eq(bookings.id, q), eq(bookings.razorpayOrderId, q), eq(bookings.razorpayPaymentId, q))).limit(100).all();
}

export async function bookingDetail(db: Db, bookingId: string) {
  const row = await bookingsWithShow(db).where(eq(bookings.id, bookingId)).get();
  if (!row) return null;
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
