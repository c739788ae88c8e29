import type { Translate } from "#app/i18n/format";
import type { Services } from "#app/utils/context.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";
import type { Hold, SeatRefusalReason } from "./contract";
import { seatsOfExisting } from "./gateway.server";
import { describeRefusal, refusalStatus } from "./refusals.server";
import { admissionTokenFrom, describeAdmissionRefusal, readAdmission } from "#app/queue/admission.server";
import { queuePath } from "#app/queue/rooms.server";
import { BOT_HEADER, checkHuman } from "#app/auth/bot-check.server";
import { heldShowRefused, heldShowTaken, reserveHeldShow, type HeldElsewhere } from "./held-shows.server";
import { errorReason, recordEvent } from "#app/observability/events.server";

export type HoldRefused = {
  ok: false;
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  /** The seats that could not be had, when that is the reason. */
  seats?: { seatId: string; reason: SeatRefusalReason }[];
  /** Where to go instead (the waiting room, or the hold to release), when that is the remedy. */
  location?: string;
  /** The link's words for `location` ("Go to the queue" when absent). */
  locationLabel?: string;
  /** The account's holds on other shows, when releasing one is the remedy (ADR 027). */
  holds?: HeldElsewhere[];
};

export type PlaceHoldOutcome = { ok: true; hold: Hold; serverNow: number } | HoldRefused;

export type PlaceHoldInput = {
  request: Request;
  userId: string;
  showtimeId: string;
  seatIds: string[];
  /** The bot check's token from a form field; the JSON API sends it as a header instead. */
  botToken?: string | null;
  /** The fan's language for the refusal's words (English for the JSON API). */
  t?: Translate;
};

export function refused(status: number, code: string, message: string, more: Partial<Omit<HoldRefused, "ok" | "status" | "code" | "message">> = {}): HoldRefused {
  return { ok: false, status, code, message, headers: more.headers ?? {}, ...more };
}

/**
 * The one way a hold is placed, for the seat page's form, the JSON API and the Worker's fast path
 * alike: rate limits first (a slot is taken before any work), then the account's place among the
 * shows it holds (D1, ADR 027), then the showtime's seat object, which alone decides the waiting room's gate, seats, hold life and the per-show limit.
 */
export async function placeHold(s: Services, input: PlaceHoldInput): Promise<PlaceHoldOutcome> {
  const outcome = await placeHoldUnrecorded(s, input);
  // One event a hold attempt, after the fact: a data point in production, a buffered row locally.
  recordEvent(s, outcome.ok ? { kind: "hold.placed", showtimeId: input.showtimeId, value: outcome.hold.seatIds.length } : { kind: "hold.refused", showtimeId: input.showtimeId, reason: outcome.code }, s.now);
  return outcome;
}

async function placeHoldUnrecorded(s: Services, input: PlaceHoldInput): Promise<PlaceHoldOutcome> {
  const { request, userId, showtimeId, seatIds } = input;
  const limited = await takeSlots(s.env, [
    ["holdUser", userId],
    ["holdIp", clientIp(request)],
  ]);
  if (!limited.ok) {
    return refused(429, "rate_limited", limited.message, { headers: { "Retry-After": String(limited.retryAfterSeconds) } });
  }
  // An unknown id is refused before any object is addressed (addressing one creates it).
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) return refused(404, "showtime_not_found", "We couldn't find that showtime.");
  // Whether a waiting room gates the show is the seat object's call; the Worker only establishes
  // what the request proves: an admission (signed, this account, this show, unexpired) and, for an
  // admitted fan, the bot check. Without a token neither costs anything.
  const admission = await readAdmission(s, admissionTokenFrom(request), { userId, showtimeId });
  const botToken = input.botToken ?? request.headers.get(BOT_HEADER);
  const human = admission.ok && botToken !== null ? await checkHuman(s, request, botToken) : null;
  // Limits across shows are reserved in D1 before the object takes the hold (ADR 027): one statement
  // each, so parallel holds on different shows cannot pass the cap together.
  const reservation = await reserveHeldShow(s.env, s.config, { userId, showtimeId, seats: new Set(seatIds).size, now: s.now });
  if (!reservation.ok) {
    const first = reservation.holds[0];
    return refused(reservation.status, reservation.code, reservation.message, {
      headers: reservation.retryAfterSeconds !== null ? { "Retry-After": String(reservation.retryAfterSeconds) } : {},
      holds: reservation.holds,
      ...(first ? { location: first.href, locationLabel: `Release your seats for ${first.title}` } : {}),
    });
  }
  let result: Awaited<ReturnType<typeof seats.hold>>;
  try {
    result = await seats.hold(userId, seatIds, { admittedFor: admission.ok ? admission.opensAt : null, human: human?.ok ?? false });
  } catch (error) {
    recordEvent(s, { kind: "error.do", showtimeId, reason: errorReason(error), detail: "hold" }, s.now);
    await heldShowRefused(s.env, { userId, showtimeId, token: reservation.token });
    throw error;
  }
  if (result.ok) await heldShowTaken(s.env, reservation.token, result.hold);
  else await heldShowRefused(s.env, { userId, showtimeId, token: reservation.token });
  if (!result.ok && result.refusal.code === "admission_required") {
    // A token that checked out but names another opening of this show's room is someone else's turn.
    const reason = admission.ok ? "foreign" : admission.reason;
    const code = reason === "missing" ? "admission_required" : reason === "expired" ? "admission_expired" : "admission_invalid";
    return refused(403, code, describeAdmissionRefusal(reason, input.t), { location: queuePath(showtimeId) });
  }
  if (!result.ok && result.refusal.code === "bot_check_required") {
    return refused(403, "bot_check_failed", human && !human.ok ? (input.t ? input.t("botCheck.failed", { retry: human.retry ? "yes" : "no" }) : human.message) : describeRefusal(result.refusal, s.now, input.t));
  }
  if (!result.ok) {
    const r = result.refusal;
    const headers: Record<string, string> =
      r.code === "cooling_down" ? { "Retry-After": String(Math.max(1, Math.ceil((r.retryAt - s.now) / 1000))) } : {};
    return refused(refusalStatus(r), r.code, describeRefusal(r, s.now, input.t), {
      headers,
      ...(r.code === "seats_unavailable" ? { seats: r.seats } : {}),
    });
  }
  return { ok: true, hold: result.hold, serverNow: s.now };
}
