import { and, eq } from "drizzle-orm";
import { bookings } from "#app/db/schema.server";
import { qrSvg } from "#app/domain/ticket-qr";
import type { Db } from "#app/utils/db.server";
import type { KeyConfig } from "#app/utils/keys.server";
import { ticketToken } from "./token.server";

/**
 * The ticket a customer shows at the door: the same signed token the confirmation email's QR
 * carries, rendered as SVG for the ticket page. Only the booking's owner gets it, and only while the
 * booking is CONFIRMED; null otherwise (the route answers 404 either way, so ids cannot be probed).
 */
export async function ticketQrSvgForOwner(db: Db, keys: KeyConfig, bookingId: string, userId: string): Promise<string | null> {
  const booking = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId), eq(bookings.status, "CONFIRMED")))
    .get();
  return booking ? qrSvg(await ticketToken(keys, booking.id), `Ticket ${booking.id}`) : null;
}
