import { and, eq, isNull } from "drizzle-orm";
import { bookings, bookingSeats } from "#app/db/schema.server";
import { bookingsWithShow } from "#app/payments/bookings.server";
import type { Services } from "#app/utils/context.server";
import { verifyTicketToken } from "#app/tickets/token.server";

export type CheckInTicket = { bookingId: string; name: string; movieTitle: string; screenName: string; seats: string[]; startsAt: number; timeZone: string };

export type CheckInResult =
  | { kind: "checked_in"; ticket: CheckInTicket; at: number }
  | { kind: "already_checked_in"; ticket: CheckInTicket; at: number }
  | { kind: "refused"; ticket: CheckInTicket; status: string }
  | { kind: "invalid" }
  | { kind: "not_found" };

/** 24-hour clock in the cinema's zone: what an usher reads at the door ("19:02"). */
export function doorClock(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(epochMs));
}

/**
 * Verifies a scanned or typed ticket token and admits the booking once. The conditional UPDATE is
 * the guard: two ushers scanning the same ticket at once cannot both get "checked in".
 */
export async function checkInTicket(s: Services, scanned: string): Promise<CheckInResult> {
  // A QR may carry the bare token or a link with the token in it; either way only a signed token counts.
  const token = /MQ1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]+/.exec(scanned)?.[0];
  if (!token) return { kind: "invalid" };
  const bookingId = await verifyTicketToken(s.config.SESSION_SECRET, token);
  if (!bookingId) return { kind: "invalid" };
  const row = await bookingsWithShow(s.db).where(eq(bookings.id, bookingId)).get();
  if (!row) return { kind: "not_found" };
  const seats = await s.db.select({ seatId: bookingSeats.seatId }).from(bookingSeats).where(eq(bookingSeats.bookingId, bookingId)).all();
  const ticket: CheckInTicket = {
    bookingId,
    name: row.user.name,
    movieTitle: row.movieTitle,
    screenName: row.screenName,
    seats: seats.map((r) => r.seatId),
    startsAt: row.startsAt,
    timeZone: row.timeZone,
  };
  if (row.booking.status !== "CONFIRMED") return { kind: "refused", ticket, status: row.booking.status };
  const updated = await s.db
    .update(bookings)
    .set({ checkedInAt: s.now, updatedAt: s.now })
    .where(and(eq(bookings.id, bookingId), isNull(bookings.checkedInAt), eq(bookings.status, "CONFIRMED")))
    .returning({ checkedInAt: bookings.checkedInAt });
  if (updated.length === 1) return { kind: "checked_in", ticket, at: s.now };
  // Lost the race or scanned before: re-read what the database says happened.
  const now = await s.db.select({ status: bookings.status, checkedInAt: bookings.checkedInAt }).from(bookings).where(eq(bookings.id, bookingId)).get();
  if (now?.checkedInAt) return { kind: "already_checked_in", ticket, at: now.checkedInAt };
  return { kind: "refused", ticket, status: now?.status ?? row.booking.status };
}
