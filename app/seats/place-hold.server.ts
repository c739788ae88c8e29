import type { SessionUser } from "#app/auth/session.server";
import type { Services } from "#app/utils/context.server";
import type { HoldResult } from "./contract";
import { seatsOfExisting } from "./client.server";

/**
 * The one way a customer places a hold, shared by the seat form and the JSON API (which the Worker
 * serves before Remix). Checks that belong to every hold go here, not in either caller.
 */
export async function placeHold(s: Services, user: SessionUser, showtimeId: string, seatIds: string[], _request: Request): Promise<HoldResult> {
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) return { ok: false, refusal: { code: "showtime_not_found" } };
  return seats.hold(user.id, seatIds);
}
