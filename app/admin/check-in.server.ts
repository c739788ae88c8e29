import { asc, eq } from "drizzle-orm";
import { bookingSeats, cinemas, screens } from "#app/db/schema.server";
import { bookingWithShow } from "#app/payments/bookings.server";
import { salesOfBooking } from "#app/db/shards.server";
import { judgeAtDoor, type DoorPlace, type DoorRefusal } from "#app/domain/check-in";
import type { Services } from "#app/utils/context.server";
import { verifyTicketToken } from "#app/tickets/token.server";
import { bookingIdForCode } from "#app/tickets/ticket.server";
import { scopeWhere, type Scope } from "./guard.server";

export { doorClock } from "#app/domain/check-in";

export type CheckInSeat = { seatId: string; checkedInAt: number | null };
export type CheckInTicket = {
  bookingId: string;
  name: string;
  cinemaName: string;
  screenName: string;
  movieTitle: string;
  seats: CheckInSeat[];
  startsAt: number;
  timeZone: string;
};

export type CheckInResult =
  | { kind: "checked_in"; ticket: CheckInTicket; admitted: string[]; at: number }
  | { kind: "already_checked_in"; ticket: CheckInTicket; at: number }
  | { kind: "refused"; ticket: CheckInTicket; refusal: DoorRefusal }
  | { kind: "unknown_seats"; ticket: CheckInTicket; seats: string[] }
  | { kind: "invalid" }
  | { kind: "not_found" };

/**
 * What the door typed or scanned → a booking id. A QR carries the signed token (bare, or inside a
 * link); only a signed token counts. This is the one place a typed short booking code will be looked
 * up too: add its lookup here and every caller (scanner, typing, tests) gets it.
 */
export type DoorCinema = { id: string; name: string; screens: { id: string; name: string }[] };

/** The cinemas (with their screens) a staff member can stand at the door of, by name. */
export async function doorPlaces(s: Services, scope: Scope): Promise<DoorCinema[]> {
  const rows = await s.db
    .select({ cinemaId: cinemas.id, cinemaName: cinemas.name, screenId: screens.id, screenName: screens.name })
    .from(cinemas)
    .leftJoin(screens, eq(screens.cinemaId, cinemas.id))
    .where(scopeWhere(scope, cinemas.id))
    .orderBy(asc(cinemas.name), asc(screens.name))
    .all();
  const places = new Map<string, DoorCinema>();
  for (const r of rows) {
    const place = places.get(r.cinemaId) ?? { id: r.cinemaId, name: r.cinemaName, screens: [] };
    if (r.screenId && r.screenName) place.screens.push({ id: r.screenId, name: r.screenName });
    places.set(r.cinemaId, place);
  }
  return [...places.values()];
}

export async function resolveTicketInput(s: Services, input: string): Promise<string | null> {
  const token = /MQ1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]+/.exec(input)?.[0];
  // No token: an usher may have typed the short box-office code instead.
  return token ? verifyTicketToken(s.config, token) : bookingIdForCode(s.env, input);
}

async function loadTicket(s: Services, bookingId: string) {
  const found = await bookingWithShow(s.env, bookingId);
  if (!found) return null;
  const row = { ...found, status: found.booking.status, name: found.user.name };
  const seats = await salesOfBooking(s.env, bookingId)
    .db.select({ seatId: bookingSeats.seatId, checkedInAt: bookingSeats.checkedInAt })
    .from(bookingSeats)
    .where(eq(bookingSeats.bookingId, bookingId))
    .orderBy(asc(bookingSeats.seatId))
    .all();
  const ticket: CheckInTicket = { bookingId, name: row.name, cinemaName: row.cinemaName, screenName: row.screenName, movieTitle: row.movieTitle, seats, startsAt: row.startsAt, timeZone: row.timeZone };
  return { row, ticket };
}

/**
 * Admits a ticket at one door (a cinema, optionally a screen), inside the configured window, seat by
 * seat: `onlySeats` admits part of a party (the rest can follow on a later scan). One D1 batch stamps
 * the seats and the booking, each UPDATE conditional on "not yet in" and "still CONFIRMED", so two
 * ushers scanning at once admit once, and a cancellation racing the scan is either before it (refused)
 * or after it (the cancellation is refused: see cancelAndRefundBooking).
 */
export async function checkInTicket(s: Services, input: string, place: DoorPlace, onlySeats: string[] | null = null): Promise<CheckInResult> {
  const bookingId = await resolveTicketInput(s, input);
  if (!bookingId) return { kind: "invalid" };
  const found = await loadTicket(s, bookingId);
  if (!found) return { kind: "not_found" };
  const { row, ticket } = found;
  const window = { opensMinutesBefore: s.config.CHECK_IN_OPENS_MINUTES_BEFORE, closesMinutesAfterEnd: s.config.CHECK_IN_CLOSES_MINUTES_AFTER_END };
  const refusal = judgeAtDoor({ ...row, bookingStatus: row.status }, place, s.now, window);
  if (refusal) return { kind: "refused", ticket, refusal };
  if (onlySeats) {
    const unknown = onlySeats.filter((id) => !ticket.seats.some((seat) => seat.seatId === id));
    if (unknown.length) return { kind: "unknown_seats", ticket, seats: unknown };
  }
  const D1 = salesOfBooking(s.env, bookingId).d1;
  const [stamped] = await D1.batch<{ seat_id: string }>([
    D1.prepare(
      `UPDATE booking_seats SET checked_in_at = ?2
       WHERE booking_id = ?1 AND status = 'CONFIRMED' AND checked_in_at IS NULL
         AND (?3 IS NULL OR seat_id IN (SELECT value FROM json_each(?3)))
         AND EXISTS (SELECT 1 FROM bookings WHERE id = ?1 AND status = 'CONFIRMED')
       RETURNING seat_id`,
    ).bind(bookingId, s.now, onlySeats ? JSON.stringify(onlySeats) : null),
    // The booking-level stamp (first admission) is what stops a customer's self-service cancel.
    D1.prepare(
      `UPDATE bookings SET checked_in_at = ?2, updated_at = ?2
       WHERE id = ?1 AND checked_in_at IS NULL AND status = 'CONFIRMED'
         AND EXISTS (SELECT 1 FROM booking_seats WHERE booking_id = ?1 AND checked_in_at IS NOT NULL)`,
    ).bind(bookingId, s.now),
  ]);
  const admitted = (stamped?.results ?? []).map((r) => r.seat_id).sort();
  const after = (await loadTicket(s, bookingId))!;
  if (admitted.length > 0) return { kind: "checked_in", ticket: after.ticket, admitted, at: s.now };
  // Lost the race, or scanned before: say when the last of the asked-for seats went in.
  if (after.row.status !== "CONFIRMED") return { kind: "refused", ticket: after.ticket, refusal: { reason: "cancelled", status: after.row.status } };
  const asked = after.ticket.seats.filter((seat) => !onlySeats || onlySeats.includes(seat.seatId));
  const at = Math.max(...asked.map((seat) => seat.checkedInAt ?? 0));
  return { kind: "already_checked_in", ticket: after.ticket, at };
}
