import { asc, desc, eq } from "drizzle-orm";
import { bookings, bookingSeats, refunds, showtimes } from "#app/db/schema.server";
import { salesIn, salesOfBooking, type ShardEnv } from "#app/db/shards.server";
import { showAndCustomer } from "#app/payments/bookings.server";
import type { BookingEmailData } from "#app/email/templates/types";
import { DEFAULT_LOCALE, isLocale, localName } from "#app/i18n/locales";

/**
 * Everything an email about a booking shows, read fresh when the message is consumed (the queue
 * message carries only the id, so a delayed retry never mails stale data). Null: no such booking.
 */
export async function loadBookingEmailData(env: ShardEnv, bookingId: string, appOrigin: string): Promise<BookingEmailData | null> {
  const { db } = salesOfBooking(env, bookingId);
  const shared = salesIn(env, 0).db;
  // Two round trips (issue 30): the booking's own rows in one batch from its shard (single-table reads, so drizzle's
  // batch maps them right), then its customer and show in one joined read of the shared database.
  // A plain select, not findFirst: drizzle's batch cannot map findFirst's empty result (an unknown id).
  const [[found], seats, refund] = await db.batch([
    db.select().from(bookings).where(eq(bookings.id, bookingId)).limit(1),
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
  if (!found) return null;
  const row = await showAndCustomer(shared, found.userId).where(eq(showtimes.id, found.showtimeId)).limit(1);
  const r = row[0];
  if (!r) return null;
  const { user } = r;
  const booking = found;
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
