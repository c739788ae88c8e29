import { and, asc, desc, eq, gte, inArray, isNull } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes, users, type Booking } from "#app/db/schema.server";
import { viewStatus } from "#app/domain/booking-state";
import type { PriceBreakdown } from "#app/domain/pricing";
import { makeBookingCode } from "#app/domain/booking-code";
import { rowOf, type Db } from "#app/utils/db.server";
import { allSales, newBookingId, salesIn, salesOfBooking, salesOfShowtime, type ShardEnv } from "#app/db/shards.server";
import type { PaymentDeps } from "./context.server";
import type { RazorpayError } from "./razorpay.server";
import { recordEvent } from "#app/observability/events.server";

/**
 * The booking a hold becomes when its owner proceeds to pay, with its Razorpay order: the order is
 * created first (receipt and notes name the booking id chosen here), so the booking, its seats and
 * its order id go to D1 in one batch that also reads back the stored booking (issue 30: one round
 * trip where there were four). bookings.hold_id is UNIQUE: a second click (or a retried request)
 * finds the first booking, and the seat rows go in only with the booking row this call inserted;
 * the order such a call made is never stored, so nobody is ever shown it. The short code is UNIQUE
 * too; a collision (about one in 10^12 per pair) is retried with a fresh code. Razorpay down: the
 * booking is still made, without an order, and `ensureOrder` asks again.
 */
export async function createBookingForHold(
  deps: Pick<PaymentDeps, "env" | "now" | "razorpay" | "waitUntil">,
  args: { userId: string; showtimeId: string; holdId: string; holdExpiresAt: number; price: PriceBreakdown },
): Promise<Booking> {
  // The booking goes to its showtime's shard, and its id says which (ADR 031).
  const sales = await salesOfShowtime(deps.env, args.showtimeId);
  const id = newBookingId(sales.shard);
  const now = deps.now();
  const { price } = args;
  const order = await deps.razorpay.createOrder({
    amount: price.totalAmount,
    currency: "INR",
    receipt: id,
    notes: { booking_id: id, showtime_id: args.showtimeId },
  });
  const orderId = order.ok ? order.value.id : null;
  const D1 = sales.d1;
  for (let attempt = 0; ; attempt++) {
    const code = makeBookingCode((n) => crypto.getRandomValues(new Uint8Array(n)));
    try {
      const results = await D1.batch<Record<string, unknown>>([
        D1.prepare(
          `INSERT INTO bookings (id, user_id, showtime_id, hold_id, code, hold_expires_at, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, razorpay_order_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hold_id) DO NOTHING`,
        ).bind(id, args.userId, args.showtimeId, args.holdId, code, args.holdExpiresAt, price.seatsAmount, price.feeAmount, price.feeTaxAmount, price.totalAmount, price.currency, orderId, now, now),
        ...price.lines.map((line) =>
          D1.prepare(
            `INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status)
             SELECT id, showtime_id, ?, ?, ?, 'PENDING' FROM bookings WHERE id = ?`,
          ).bind(line.seatId, line.category, line.pricePaise, id),
        ),
        D1.prepare("SELECT * FROM bookings WHERE hold_id = ?").bind(args.holdId),
      ]);
      const booking = rowOf(bookings, results.at(-1)?.results[0]);
      if (!booking) throw new Error(`booking for hold ${args.holdId} vanished`);
      if (booking.id === id) {
        recordEvent(deps, { kind: "booking.created", showtimeId: args.showtimeId, ref: id, value: price.totalAmount }, now);
        if (orderId) recordEvent(deps, { kind: "order.created", showtimeId: args.showtimeId, ref: id, value: price.totalAmount });
      }
      return booking;
    } catch (error) {
      if (attempt >= 2 || !String(error).includes("bookings.code")) throw error;
    }
  }
}

/**
 * Gives a booking made without an order (Razorpay was down when it was made) its order (amount in
 * paise, receipt = booking id). Two concurrent calls may both create an order, but only the first
 * is stored; the other is never shown to anyone. The update and the read back are one batch.
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
  const { db } = salesOfBooking(deps.env, booking.id);
  const [, [stored]] = await db.batch([
    db
      .update(bookings)
      .set({ razorpayOrderId: order.value.id, updatedAt: deps.now() })
      .where(and(eq(bookings.id, booking.id), isNull(bookings.razorpayOrderId))),
    db.select().from(bookings).where(eq(bookings.id, booking.id)).limit(1),
  ]);
  if (!stored) throw new Error(`booking ${booking.id} vanished`);
  return { ok: true, booking: stored };
}

export function getBooking(env: ShardEnv, bookingId: string): Promise<Booking | undefined> {
  return salesOfBooking(env, bookingId).db.query.bookings.findFirst({ where: eq(bookings.id, bookingId) });
}

/** The booking if it belongs to this user; anyone else gets the same answer as for a missing id. */
export function getBookingOfUser(env: ShardEnv, bookingId: string, userId: string): Promise<Booking | undefined> {
  return salesOfBooking(env, bookingId).db.query.bookings.findFirst({ where: and(eq(bookings.id, bookingId), eq(bookings.userId, userId)) });
}

/** The booking made from a seat hold of this showtime, if any (a hold becomes at most one booking). */
export async function getBookingByHold(env: ShardEnv, showtimeId: string, holdId: string): Promise<Booking | undefined> {
  const { db } = await salesOfShowtime(env, showtimeId);
  return db.query.bookings.findFirst({ where: eq(bookings.holdId, holdId) });
}

/** This user's newest booking for the showtime made at or after `since` (id and status only). */
export async function latestBookingForShowtimeSince(env: ShardEnv, userId: string, showtimeId: string, since: number) {
  const { db } = await salesOfShowtime(env, showtimeId);
  return db.query.bookings.findFirst({
    where: and(eq(bookings.userId, userId), eq(bookings.showtimeId, showtimeId), gte(bookings.createdAt, since)),
    orderBy: desc(bookings.createdAt),
    columns: { id: true, status: true },
  });
}

export async function seatsOfBooking(env: ShardEnv, bookingId: string) {
  return salesOfBooking(env, bookingId)
    .db.select({ seatId: bookingSeats.seatId, category: bookingSeats.category, pricePaise: bookingSeats.pricePaise, status: bookingSeats.status })
    .from(bookingSeats)
    .where(eq(bookingSeats.bookingId, bookingId))
    .orderBy(asc(bookingSeats.seatId))
    .all();
}

/** What a booking's page, email or door scan shows of its show. */
const SHOW_FIELDS = {
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
};

/**
 * A booking with its customer and show: the one join behind My bookings, the booking emails, the
 * operator's lookup and detail, and door check-in. Callers add their own where/order/limit.
 */
export function bookingsWithShow(db: Db) {
  return db
    .select({
      booking: bookings,
      user: { email: users.email, name: users.name, locale: users.locale },
      ...SHOW_FIELDS,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId));
}

/**
 * One booking with its customer and show, the same row `bookingsWithShow` gives, from any shard: the
 * booking from its own database, the rest from the shared one (D1 joins only inside one database).
 */
export async function bookingWithShow(env: ShardEnv, bookingId: string) {
  const booking = await getBooking(env, bookingId);
  if (!booking) return undefined;
  const show = await showAndCustomer(salesIn(env, 0).db, booking.userId).where(eq(showtimes.id, booking.showtimeId)).get();
  return show ? { ...show, booking } : undefined;
}

/** A customer and shows (the shared database's half of `bookingsWithShow`); callers pick the shows. */
export function showAndCustomer(db: Db, userId: string) {
  return db
    .select({ showtimeId: showtimes.id, user: { email: users.email, name: users.name, locale: users.locale }, ...SHOW_FIELDS })
    .from(showtimes)
    .innerJoin(users, eq(users.id, userId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId));
}

/**
 * My bookings: each with its seats, what was refunded, and the status a page shows (lazy expiry),
 * newest first across every booking database (one batch per shard, in parallel), with their shows
 * and the customer from the shared database (one read).
 */
export async function myBookings(env: ShardEnv, userId: string, now: number) {
  const perShard = await Promise.all(
    allSales(env).map(async ({ db }) => {
      // Joined on the owner rather than IN (ids): D1 caps bound parameters at 100 per query.
      const [rows, seatRows, refundRows] = await db.batch([
        db.select().from(bookings).where(eq(bookings.userId, userId)).orderBy(desc(bookings.createdAt)),
        db.select({ bookingId: bookingSeats.bookingId, seatId: bookingSeats.seatId }).from(bookingSeats).innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId)).where(eq(bookings.userId, userId)),
        db.select({ bookingId: refunds.bookingId, amount: refunds.amount }).from(refunds).innerJoin(bookings, eq(bookings.id, refunds.bookingId)).where(eq(bookings.userId, userId)),
      ]);
      return { rows, seatRows, refundRows };
    }),
  );
  const own = perShard.flatMap((p) => p.rows).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  const seatRows = perShard.flatMap((p) => p.seatRows);
  const refundRows = perShard.flatMap((p) => p.refundRows);
  const shows = await showsOf(env, userId, [...new Set(own.map((b) => b.showtimeId))]);
  return own.flatMap((booking) => {
    const show = shows.get(booking.showtimeId);
    if (!show) return [];
    return [
      {
        ...show,
        booking,
        status: viewStatus(booking, now),
        seats: seatRows
          .filter((x) => x.bookingId === booking.id)
          .map((x) => x.seatId)
          .sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
        refundedPaise: refundRows.filter((x) => x.bookingId === booking.id).reduce((sum, x) => sum + x.amount, 0),
      },
    ];
  });
}

/** The customer and each show, from the shared database, by showtime id (in chunks under D1's 100 parameters). */
export async function showsOf(env: ShardEnv, userId: string, showtimeIds: string[]) {
  const db = salesIn(env, 0).db;
  const out = new Map<string, Awaited<ReturnType<typeof showAndCustomer>>[number]>();
  for (let i = 0; i < showtimeIds.length; i += 90) {
    const rows = await showAndCustomer(db, userId).where(inArray(showtimes.id, showtimeIds.slice(i, i + 90)));
    for (const r of rows) out.set(r.showtimeId, r);
  }
  return out;
}
