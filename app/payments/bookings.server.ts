import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, screens, showtimes, users, type Booking } from "#app/db/schema.server";
import type { PriceBreakdown } from "#app/domain/pricing";
import { randomId } from "#app/utils/crypto.server";
import type { Db } from "#app/utils/db.server";
import type { PaymentDeps } from "./context.server";
import type { RazorpayError } from "./razorpay.server";

/** The booking a hold becomes when its owner proceeds to pay. */
export async function createBookingForHold(
  deps: Pick<PaymentDeps, "db" | "env" | "now">,
  args: { userId: string; showtimeId: string; holdId: string; price: PriceBreakdown },
): Promise<Booking> {
  const D1 = deps.env.DB;
  const id = `bkg_${randomId(12)}`;
  const now = deps.now();
  const { price } = args;
  // bookings.hold_id is UNIQUE: a second click (or a retried request) finds the first booking,
  // and the seat rows go in only with the booking row this call inserted.
  await D1.batch([
    D1.prepare(
      `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hold_id) DO NOTHING`,
    ).bind(id, args.userId, args.showtimeId, args.holdId, price.seatsAmount, price.feeAmount, price.feeTaxAmount, price.totalAmount, price.currency, now, now),
    ...price.lines.map((line) =>
      D1.prepare(
        `INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status)
         SELECT id, showtime_id, ?, ?, ?, 'PENDING' FROM bookings WHERE id = ?`,
      ).bind(line.seatId, line.category, line.pricePaise, id),
    ),
  ]);
  const booking = await deps.db.query.bookings.findFirst({ where: eq(bookings.holdId, args.holdId) });
  if (!booking) throw new Error(`booking for hold ${args.holdId} vanished`);
  return booking;
}

/**
 * Gives the booking its Razorpay order (amount in paise, receipt = booking id). Two concurrent
 * calls may both create an order, but only the first is stored; the other is never shown to anyone.
 */
export async function ensureOrder(deps: PaymentDeps, booking: Booking): Promise<{ ok: true; booking: Booking } | { ok: false; error: RazorpayError }> {
  if (booking.razorpayOrderId) return { ok: true, booking };
  const order = await deps.razorpay.createOrder({
    amount: booking.totalAmount,
    currency: "INR",
    receipt: booking.id,
    notes: { booking_id: booking.id, showtime_id: booking.showtimeId },
  });
  if (!order.ok) return order;
  await deps.db
    .update(bookings)
    .set({ razorpayOrderId: order.value.id, updatedAt: deps.now() })
    .where(and(eq(bookings.id, booking.id), isNull(bookings.razorpayOrderId)));
  const stored = await getBooking(deps.db, booking.id);
  if (!stored) throw new Error(`booking ${booking.id} vanished`);
  return { ok: true, booking: stored };
}

export function getBooking(db: Db, bookingId: string): Promise<Booking | undefined> {
  return db.query.bookings.findFirst({ where: eq(bookings.id, bookingId) });
}

/** The booking if it belongs to this user; anyone else gets the same answer as for a missing id. */
export function getBookingOfUser(db: Db, bookingId: string, userId: string): Promise<Booking | undefined> {
  return db.query.bookings.findFirst({ where: and(eq(bookings.id, bookingId), eq(bookings.userId, userId)) });
}

export function getBookingByOrder(db: Db, orderId: string): Promise<Booking | undefined> {
  return db.query.bookings.findFirst({ where: eq(bookings.razorpayOrderId, orderId) });
}

export async function seatsOfBooking(db: Db, bookingId: string) {
  return db
    .select({ seatId: bookingSeats.seatId, category: bookingSeats.category, pricePaise: bookingSeats.pricePaise, status: bookingSeats.status })
    .from(bookingSeats)
    .where(eq(bookingSeats.bookingId, bookingId))
    .orderBy(asc(bookingSeats.seatId))
    .all();
}

/**
 * A booking with its customer and show: the one join behind My bookings, the booking emails, the
 * operator's lookup and detail, and door check-in. Callers add their own where/order/limit.
 */
export function bookingsWithShow(db: Db) {
  return db
    .select({
      booking: bookings,
      user: { email: users.email, name: users.name },
      movieTitle: movies.title,
      certificate: movies.certificate,
      format: showtimes.format,
      language: showtimes.language,
      cinemaId: cinemas.id,
      cinemaName: cinemas.name,
      cinemaAddress: cinemas.address,
      screenName: screens.name,
      startsAt: showtimes.startsAt,
      timeZone: cinemas.timeZone,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId));
}

/** My bookings, newest first. */
export function bookingsOfUser(db: Db, userId: string) {
  return bookingsWithShow(db).where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt)).all();
}
