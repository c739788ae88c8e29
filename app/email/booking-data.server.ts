import { asc, desc, eq } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes, users } from "#app/db/schema.server";
import type { BookingEmailData } from "#app/email/templates/types";
import type { Db } from "#app/utils/db.server";

/**
 * Everything an email about a booking shows, read fresh when the message is consumed (the queue
 * message carries only the id, so a delayed retry never mails stale data). Null: no such booking.
 */
export async function loadBookingEmailData(db: Db, bookingId: string, appOrigin: string): Promise<BookingEmailData | null> {
  // Not db.batch: drizzle's D1 batch maps joined rows by column name, and users/cinemas/screens all have `name`.
  const [row, seats, refund] = await Promise.all([
    db
      .select({
        bookingId: bookings.id,
        code: bookings.code,
        status: bookings.status,
        customerName: users.name,
        customerEmail: users.email,
        movieTitle: movies.title,
        certificate: movies.certificate,
        format: showtimes.format,
        language: showtimes.language,
        cinemaName: cinemas.name,
        cinemaAddress: cinemas.address,
        screenName: screens.name,
        startsAt: showtimes.startsAt,
        runtimeMinutes: movies.runtimeMinutes,
        timeZone: cinemas.timeZone,
        totalPaise: bookings.totalAmount,
        feeAmount: bookings.feeAmount,
        feeTaxAmount: bookings.feeTaxAmount,
      })
      .from(bookings)
      .innerJoin(users, eq(users.id, bookings.userId))
      .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
      .innerJoin(movies, eq(movies.id, showtimes.movieId))
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
      .where(eq(bookings.id, bookingId))
      .limit(1),
    db
      .select({ seatId: bookingSeats.seatId, category: bookingSeats.category, pricePaise: bookingSeats.pricePaise })
      .from(bookingSeats)
      .where(eq(bookingSeats.bookingId, bookingId))
      .orderBy(asc(bookingSeats.seatId)),
    db
      .select({ amountPaise: refunds.amount, status: refunds.status, reason: refunds.reason })
      .from(refunds)
      .where(eq(refunds.bookingId, bookingId))
      .orderBy(desc(refunds.createdAt))
      .limit(1),
  ]);
  const b = row[0];
  if (!b) return null;
  const { feeAmount, feeTaxAmount, ...rest } = b;
  return {
    ...rest,
    feePaise: feeAmount + feeTaxAmount,
    seats: seats.sort((x, y) => x.seatId.localeCompare(y.seatId, "en", { numeric: true })),
    refund: refund[0] ?? null,
    appOrigin,
  };
}
