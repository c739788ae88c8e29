import { and, asc, desc, eq, gte, isNull } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes, users, type Booking } from "#app/db/schema.server";
import { viewStatus } from "#app/domain/booking-state";
import type { PriceBreakdown } from "#app/domain/pricing";
import { makeBookingCode } from "#app/domain/booking-code";
import { randomId } from "#app/utils/crypto.server";
import type { Db } from "#app/utils/db.server";
import type { PaymentDeps } from "./context.server";
import type { RazorpayError } from "./razorpay.server";
import { recordEvent } from "#app/observability/events.server";

/** The booking a hold becomes when its owner proceeds to pay. */
export async function createBookingForHold(
  deps: Pick<PaymentDeps, "db" | "env" | "now">,
  args: { userId: string; showtimeId: string; holdId: string; holdExpiresAt: number; price: PriceBreakdown },
): Promise<Booking> {
  const D1 = deps.env.DB;
  const id = `bkg_${randomId(12)}`;
  const now = deps.now();
  const { price } = args;
  // bookings.hold_id is UNIQUE: a second click (or a retried request) finds the first booking,
  // and the seat rows go in only with the booking row this call inserted. The short code is
  // UNIQUE too; a collision (about one in 10^12 per pair) is retried with a fresh code.
  for (let attempt = 0; ; attempt++) {
    const code = makeBookingCode((n) => crypto.getRandomValues(new Uint8Array(n)));
    try {
      await D1.batch([
        D1.prepare(
          `INSERT INTO bookings (id, user_id, showtime_id, hold_id, code, hold_expires_at, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hold_id) DO NOTHING`,
        ).bind(id, args.userId, args.showtimeId, args.holdId, code, args.holdExpiresAt, price.seatsAmount, price.feeAmount, price.feeTaxAmount, price.totalAmount, price.currency, now, now),
        ...price.lines.map((line) =>
          D1.prepare(
            `INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status)
             SELECT id, showtime_id, ?, ?, ?, 'PENDING' FROM bookings WHERE id = ?`,
          ).bind(line.seatId, line.category, line.pricePaise, id),
        ),
      ]);
      break;
    } catch (error) {
      if (attempt >= 2 || !String(error).includes("bookings.code")) throw error;
    }
  }
  const booking = await deps.db.query.bookings.findFirst({ where: eq(bookings.holdId, args.holdId) });
  if (!booking) throw new Error(`booking for hold ${args.holdId} vanished`);
  if (booking.id === id) recordEvent({ env: deps.env }, { kind: "booking.created", showtimeId: args.showtimeId, ref: id, value: price.totalAmount }, now);
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
  recordEvent(deps, { kind: "order.created", showtimeId: booking.showtimeId, ref: booking.id, value: booking.totalAmount });
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

/** The booking made from a seat hold, if any (a hold becomes at most one booking). */
export function getBookingByHold(db: Db, holdId: string): Promise<Booking | undefined> {
  return db.query.bookings.findFirst({ where: eq(bookings.holdId, holdId) });
}

/** This user's newest booking for the showtime made at or after `since` (id and status only). */
export function latestBookingForShowtimeSince(db: Db, userId: string, showtimeId: string, since: number) {
  return db.query.bookings.findFirst({
    where: and(eq(bookings.userId, userId), eq(bookings.showtimeId, showtimeId), gte(bookings.createdAt, since)),
    orderBy: desc(bookings.createdAt),
    columns: { id: true, status: true },
  });
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
      user: { email: users.email, name: users.name, locale: users.locale },
      movieTitle: movies.title,
      movieTitles: movies.titles,
      cinemaNames: cinemas.names,
      certificate: movies.certificate,
      runtimeMinutes: movies.runtimeMinutes,
      format: showtimes.format,
      language: showtimes.language,
      cinemaId: cinemas.id,
      cinemaName: cinemas.name,
      cinemaAddress: cinemas.address,
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

/** My bookings, newest first. */
export function bookingsOfUser(db: Db, userId: string) {
  return bookingsWithShow(db).where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt)).all();
}

/** My bookings: each with its seats, what was refunded, and the status a page shows (lazy expiry). */
export async function myBookings(db: Db, userId: string, now: number) {
  // Joined on the owner rather than IN (ids): D1 caps bound parameters at 100 per query.
  const [rows, seatRows, refundRows] = await Promise.all([
    bookingsOfUser(db, userId),
    db.select({ bookingId: bookingSeats.bookingId, seatId: bookingSeats.seatId }).from(bookingSeats).innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId)).where(eq(bookings.userId, userId)).all(),
    db.select({ bookingId: refunds.bookingId, amount: refunds.amount }).from(refunds).innerJoin(bookings, eq(bookings.id, refunds.bookingId)).where(eq(bookings.userId, userId)).all(),
  ]);
  return rows.map((r) => ({
    ...r,
    status: viewStatus(r.booking, now),
    seats: seatRows
      .filter((x) => x.bookingId === r.booking.id)
      .map((x) => x.seatId)
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    refundedPaise: refundRows.filter((x) => x.bookingId === r.booking.id).reduce((sum, x) => sum + x.amount, 0),
  }));
}
