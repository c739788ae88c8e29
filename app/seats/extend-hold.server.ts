import { and, eq } from "drizzle-orm";
import { bookings } from "#app/db/schema.server";
import type { Services } from "#app/utils/context.server";
import type { ExtendResult } from "./contract";
import { seatsOf } from "./gateway.server";
import { heldShowExtended } from "./held-shows.server";

/**
 * The one extension a hold may get, for the payment page and the JSON API alike. The seat object
 * decides it; a booking waiting on that hold then gets the same deadline, since the booking's copy
 * is what the payment page, the booking's state and the cron's settling read.
 */
export async function extendHold(s: Pick<Services, "env" | "db" | "now">, args: { userId: string; showtimeId: string; holdId: string }): Promise<ExtendResult> {
  const result = await seatsOf(s.env, args.showtimeId).extend(args.userId, args.holdId);
  if (!result.ok) return result;
  await heldShowExtended(s.env, result.hold);
  await s.db
    .update(bookings)
    // A new deadline is a fresh try at paying: the last attempt's "payment was declined" no longer applies.
    .set({ holdExpiresAt: result.hold.expiresAt, failureReason: null, updatedAt: s.now })
    .where(and(eq(bookings.holdId, args.holdId), eq(bookings.userId, args.userId), eq(bookings.showtimeId, args.showtimeId), eq(bookings.status, "PENDING_PAYMENT")));
  return result;
}
