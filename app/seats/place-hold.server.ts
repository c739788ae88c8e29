import type { Services } from "#app/utils/context.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";
import type { Hold, SeatRefusalReason } from "./contract";
import { seatsOfExisting } from "./client.server";
import { describeRefusal, refusalStatus } from "./refusals.server";
import { admissionTokenFrom, describeAdmissionRefusal, verifyAdmission } from "#app/queue/admission.server";
import { activeRoom, queuePath } from "#app/queue/rooms.server";
import { BOT_HEADER, checkHuman } from "#app/auth/bot-check.server";

export type HoldRefused = {
  ok: false;
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  /** The seats that could not be had, when that is the reason. */
  seats?: { seatId: string; reason: SeatRefusalReason }[];
  /** Where to go instead (the waiting room), when that is the remedy. */
  location?: string;
};

export type PlaceHoldOutcome = { ok: true; hold: Hold; serverNow: number } | HoldRefused;

export type PlaceHoldInput = {
  request: Request;
  userId: string;
  showtimeId: string;
  seatIds: string[];
  /** The bot check's token from a form field; the JSON API sends it as a header instead. */
  botToken?: string | null;
};

export function refused(status: number, code: string, message: string, more: Partial<Omit<HoldRefused, "ok" | "status" | "code" | "message">> = {}): HoldRefused {
  return { ok: false, status, code, message, headers: more.headers ?? {}, ...more };
}

/**
 * The one way a hold is placed, for the seat page's form, the JSON API and the Worker's fast path
 * alike: rate limits first (a slot is taken before any work), then the room's admission and bot
 * checks, then the showtime's seat object, which alone decides seats, hold life and the per-show limit.
 */
export async function placeHold(s: Services, input: PlaceHoldInput): Promise<PlaceHoldOutcome> {
  const { request, userId, showtimeId, seatIds } = input;
  const limited = await takeSlots(s.env, [
    ["holdUser", userId],
    ["holdIp", clientIp(request)],
  ]);
  if (!limited.ok) {
    return refused(429, "rate_limited", limited.message, { headers: { "Retry-After": String(limited.retryAfterSeconds) } });
  }
  // While a waiting room is active, only a fan it admitted (a valid token for this account and
  // this on-sale) reaches the seat object.
  const room = await activeRoom(s, showtimeId);
  if (room) {
    const check = await verifyAdmission(s, admissionTokenFrom(request), { userId, showtimeId, opensAt: room.opensAt });
    if (!check.ok) {
      const code = check.reason === "missing" ? "admission_required" : check.reason === "expired" ? "admission_expired" : "admission_invalid";
      return refused(403, code, describeAdmissionRefusal(check.reason), { location: queuePath(showtimeId) });
    }
    // On-sale night is when scripts come: an admitted fan also passes the bot check per hold.
    const human = await checkHuman(s, request, input.botToken ?? request.headers.get(BOT_HEADER));
    if (!human.ok) return refused(403, "bot_check_failed", human.message);
  }
  // An unknown id is refused before any object is addressed (addressing one creates it).
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) return refused(404, "showtime_not_found", "We couldn't find that showtime.");
  const result = await seats.hold(userId, seatIds);
  if (!result.ok) {
    const r = result.refusal;
    const headers: Record<string, string> =
      r.code === "cooling_down" ? { "Retry-After": String(Math.max(1, Math.ceil((r.retryAt - s.now) / 1000))) } : {};
    return refused(refusalStatus(r), r.code, describeRefusal(r, s.now), {
      headers,
      ...(r.code === "seats_unavailable" ? { seats: r.seats } : {}),
    });
  }
  return { ok: true, hold: result.hold, serverNow: s.now };
}
