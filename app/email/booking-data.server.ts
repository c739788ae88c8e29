import { asc, desc, eq } from "drizzle-orm";
import { bookings, bookingSeats, refunds } from "#app/db/schema.server";
import { bookingsWithShow } from "#app/payments/bookings.server";
import type { BookingEmailData } from "#app/email/templates/types";
import type { Db } from "#app/utils/db.server";
import { DEFAULT_LOCALE, isLocale, localName } from "#app/i18n/locales";

/**
 * Everything an email about a booking shows, read fresh when the message is consumed (the queue
 * message carries only the id, so a delayed retry never mails stale data). Null: no such booking.
 */
export async function loadBookingEmailData(db: Db, bookingId: string, appOrigin: string): Promise<BookingEmailData | null> {
  // Not db.batch: drizzle's D1 batch maps joined rows by column name, and users/cinemas/screens all have `name`.
  const [row, seats, refund] = await Promise.all([
    bookingsWithShow(db).where(eq(bookings.id, bookingId)).limit(1),
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
  const r = row[0];
  if (!r) return null;
  const { booking, user } = r;
  // The account's language, read when the message is consumed: a later send (queue retry, cron reminder) follows it too.
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  return {
    locale,
    bookingId: booking.id,
    code: booking.code,
    status: booking.status,
    customerName: user.name,
    customerEmail: user.email,
    movieTitle: localName(r.movieTitle, r.movieTitles, locale),
    certificate: r.certificate,
    format: r.format,
    language: r.language,
    cinemaName: localName(r.cinemaName, r.cinemaNames, locale),
    cinemaAddress: r.cinemaAddress,
    screenName: r.screenName,
    startsAt: r.startsAt,
    runtimeMinutes: r.runtimeMinutes,
    timeZone: r.timeZone,
    totalPaise: booking.totalAmount,
    feePaise: booking.feeAmount + booking.feeTaxAmount,
    seats: seats.sort((x, y) => x.seatId.localeCompare(y.seatId, "en", { numeric: true })),
    refund: refund[0] ?? null,
    appOrigin,
  };
}
