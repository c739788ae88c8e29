import { eq } from "drizzle-orm";
import { bookings } from "#app/db/schema.server";
import { normaliseBookingCode, formatBookingCode } from "#app/domain/booking-code";
import { showIcs } from "#app/domain/calendar";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { getShowtimeDetail } from "#app/catalogue/queries.server";
import { getBooking, seatsOfBooking } from "#app/payments/bookings.server";
import { allSales, salesIn, type ShardEnv } from "#app/db/shards.server";

/**
 * The one lookup for a typed box-office code ("k7qx-4mpa", "K7QX 4MPA"): the door check-in and the
 * console search both call it. Codes are stored upper-case, so the match is case-insensitive.
 */
export async function bookingIdForCode(env: ShardEnv, input: string): Promise<string | null> {
  const code = normaliseBookingCode(input);
  if (!code) return null;
  // A code names no shard: each booking database is asked (one indexed read each, in parallel).
  const rows = await Promise.all(allSales(env).map(({ db }) => db.select({ id: bookings.id }).from(bookings).where(eq(bookings.code, code)).get()));
  return rows.find((r) => r)?.id ?? null;
}

/** What a ticket shows (page, print, image, calendar, shared link): no account data at all. */
export type Ticket = NonNullable<Awaited<ReturnType<typeof loadTicket>>>;

export async function loadTicket(env: ShardEnv, bookingId: string) {
  const booking = await getBooking(env, bookingId);
  if (!booking) return null;
  const [detail, seats] = await Promise.all([getShowtimeDetail(salesIn(env, 0).db, booking.showtimeId), seatsOfBooking(env, booking.id)]);
  if (!detail) return null;
  const tz = detail.cinema.timeZone;
  return {
    bookingId: booking.id,
    ownerId: booking.userId,
    status: booking.status,
    code: booking.code ? formatBookingCode(booking.code) : null,
    movieTitle: detail.movie.title,
    certificate: detail.movie.certificate,
    runtimeMinutes: detail.movie.runtimeMinutes,
    format: detail.showtime.format,
    language: detail.showtime.language,
    cinemaName: detail.cinema.name,
    cinemaAddress: detail.cinema.address,
    screenName: detail.screen.name,
    startsAt: detail.showtime.startsAt,
    timeZone: tz,
    date: formatShowDate(detail.showtime.startsAt, tz),
    time: formatShowTime(detail.showtime.startsAt, tz),
    seats: seats.map((x) => x.seatId).sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
  };
}

/** The booking as a calendar event (the .ics download and the confirmation email's attachment). */
type IcsFields = Pick<Ticket, "bookingId" | "code" | "movieTitle" | "cinemaName" | "cinemaAddress" | "screenName" | "startsAt" | "timeZone" | "runtimeMinutes" | "seats"> & { format: string };

export function ticketIcs(t: IcsFields, origin: string, now: number): string {
  return showIcs({
    uid: `${t.bookingId}@marquee`,
    title: `${t.movieTitle} (${t.format}) · ${t.cinemaName}`,
    startsAt: t.startsAt,
    runtimeMinutes: t.runtimeMinutes,
    timeZone: t.timeZone,
    location: `${t.cinemaName}, ${t.screenName}, ${t.cinemaAddress}`,
    description: `Seats ${t.seats.join(", ")}${t.code ? `. Booking code ${t.code}` : ""}. Your ticket: ${origin}/bookings/${t.bookingId}`,
    url: `${origin}/bookings/${t.bookingId}`,
    now,
  });
}
