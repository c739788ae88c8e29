import { and, asc, eq } from "drizzle-orm";
import { bookings, bookingSeats, movies, showtimes } from "#app/db/schema";
import { qrSvg } from "#app/domain/ticket-qr";
import type { Db } from "./db.server";
import { ticketToken, verifyTicketToken } from "./ticket-token.server";

/**
 * The ticket a customer shows at the door: the same signed token the confirmation email's QR
 * carries, rendered as SVG for the ticket page. Only the booking's owner gets it, and only while the
 * booking is CONFIRMED; null otherwise (the route answers 404 either way, so ids cannot be probed).
 */
export async function ticketQrSvgForOwner(db: Db, secret: string, bookingId: string, userId: string): Promise<string | null> {
  const booking = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId), eq(bookings.status, "CONFIRMED")))
    .get();
  return booking ? qrSvg(await ticketToken(secret, booking.id), `Ticket ${booking.id}`) : null;
}

export type TicketCheck =
  | { ok: true; bookingId: string; movieTitle: string; startsAt: number; seats: string[] }
  | { ok: false; reason: "forged" | "unknown_booking" | "not_confirmed" | "already_checked_in"; bookingId?: string };

/**
 * What a door scanner asks: is this QR a real, still valid ticket? The signature proves we issued it
 * for that booking id; the database says whether the booking still stands. Read-only: recording the
 * check-in is the scanner's own write.
 */
export async function verifyTicket(db: Db, secret: string, scanned: string): Promise<TicketCheck> {
  const bookingId = await verifyTicketToken(secret, scanned);
  if (!bookingId) return { ok: false, reason: "forged" };
  const [rows, seats] = await Promise.all([
    db
      .select({ status: bookings.status, checkedInAt: bookings.checkedInAt, movieTitle: movies.title, startsAt: showtimes.startsAt })
      .from(bookings)
      .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
      .innerJoin(movies, eq(movies.id, showtimes.movieId))
      .where(eq(bookings.id, bookingId))
      .limit(1),
    db.select({ seatId: bookingSeats.seatId }).from(bookingSeats).where(eq(bookingSeats.bookingId, bookingId)).orderBy(asc(bookingSeats.seatId)),
  ]);
  const b = rows[0];
  if (!b) return { ok: false, reason: "unknown_booking", bookingId };
  if (b.status !== "CONFIRMED") return { ok: false, reason: "not_confirmed", bookingId };
  if (b.checkedInAt !== null) return { ok: false, reason: "already_checked_in", bookingId };
  return { ok: true, bookingId, movieTitle: b.movieTitle, startsAt: b.startsAt, seats: seats.map((s) => s.seatId) };
}
