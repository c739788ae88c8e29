import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import { scopeWhere, type Scope } from "./guard.server";
import { bookings, bookingSeats, cinemas, emailLog, movies, payments, refunds, screens, showtimes, users, webhookEvents } from "#app/db/schema.server";
import { normalizePhone } from "#app/domain/phone";
import type { Db } from "#app/utils/db.server";

/** A booking with its customer and show: the one join behind lookup, detail and door check-in. */
export function bookingsWithShow(db: Db) {
  return db
    .select({
      booking: bookings,
      user: { email: users.email, name: users.name },
      movieTitle: movies.title,
      runtimeMinutes: movies.runtimeMinutes,
      cinemaId: cinemas.id,
      cinemaName: cinemas.name,
      screenId: screens.id,
      screenName: screens.name,
      startsAt: showtimes.startsAt,
      showtimeStatus: showtimes.status,
      timeZone: cinemas.timeZone,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId));
}

/** A booking id (or Razorpay order/payment id) finds that booking; an email or a mobile number finds the bookings of that customer. */
export async function lookupBookings(db: Db, q: string, scope: Scope) {
  const within = scopeWhere(scope, cinemas.id);
  if (q.includes("@")) return bookingsWithShow(db).where(and(eq(users.email, q.toLowerCase()), within)).orderBy(desc(bookings.createdAt)).limit(100).all();
  const phone = normalizePhone(q);
  if (phone) return bookingsWithShow(db).where(and(eq(users.phone, phone), within)).orderBy(desc(bookings.createdAt)).limit(100).all();
  return bookingsWithShow(db).where(and(or(eq(bookings.id, q), eq(bookings.razorpayOrderId, q), eq(bookings.razorpayPaymentId, q)), within)).limit(100).all();
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
