import { desc, eq } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes } from "#app/db/schema.server";
import { viewStatus } from "#app/domain/booking-state";
import type { Db } from "#app/utils/db.server";

/** A fan's bookings for My bookings: each with its seats, refunded amount and the status a page shows. */
export async function bookingsOfUser(db: Db, userId: string, now: number) {
  const rows = await db
    .select({
      id: bookings.id,
      code: bookings.code,
      status: bookings.status,
      holdExpiresAt: bookings.holdExpiresAt,
      totalAmount: bookings.totalAmount,
      createdAt: bookings.createdAt,
      startsAt: showtimes.startsAt,
      movieTitle: movies.title,
      cinemaName: cinemas.name,
      screenName: screens.name,
      timeZone: cinemas.timeZone,
    })
    .from(bookings)
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(eq(bookings.userId, userId))
    .orderBy(desc(bookings.createdAt))
    .limit(200)
    .all();
  // Joined on the owner rather than IN (ids): D1 caps bound parameters at 100 per query.
  const [seatRows, refundRows] = await Promise.all([
    db.select({ bookingId: bookingSeats.bookingId, seatId: bookingSeats.seatId }).from(bookingSeats).innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId)).where(eq(bookings.userId, userId)).all(),
    db.select({ bookingId: refunds.bookingId, amount: refunds.amount }).from(refunds).innerJoin(bookings, eq(bookings.id, refunds.bookingId)).where(eq(bookings.userId, userId)).all(),
  ]);
  return rows.map((r) => ({
    ...r,
    status: viewStatus(r, now),
    seats: seatRows
      .filter((x) => x.bookingId === r.id)
      .map((x) => x.seatId)
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    refundedPaise: refundRows.filter((x) => x.bookingId === r.id).reduce((sum, x) => sum + x.amount, 0),
  }));
}
