import type { Services } from "#app/utils/context.server";
import type { SessionUser } from "#app/auth/session.server";
import { isVerified } from "#app/auth/accounts.server";
import { fanStatus, pollAfterSeconds } from "#app/domain/queue";
import { showtimeExists } from "#app/seats/gateway.server";
import { admissionCookie, issueAdmission } from "./admission.server";
import { roomOf } from "./gateway.server";
import type { FanStatus } from "./contract";
import { placePassCookie, readPlacePass, type PlacePass } from "./place-pass.server";
import { roomSummary } from "./gateway.server";
import { recordEvent } from "#app/observability/events.server";

/** The account asking, and whether its address is verified (only a verified one takes a place). */
export type QueueFan = { id: string; verified: boolean };

export function queueFanOf(user: Pick<SessionUser, "id" | "emailVerifiedAt">): QueueFan {
  return { id: user.id, verified: isVerified(user) };
}

export type QueueView = {
  /** The account the view is for (an admission token is bound to it). */
  userId: string;
  status: FanStatus | { state: "turn_passed" };
  opensAt: number;
  /** Set when the fan is admitted and their admission is still valid. */
  token: string | null;
  /** When the fan's page should ask again (null: nothing changes by waiting). */
  pollAfterSeconds: number | null;
  /** Cookies to set: the place pass when it is new or changed, the admission alongside `token`. */
  setCookies: string[];
};

type Answer = { opensAt: number; status: FanStatus };

/**
 * The fan's status from their place pass and the room's shared summary, with no call to the room;
 * null when only the room can say (a pre-queue fan after the draw, a fan whose number was just
 * admitted: the room knows when), "ended" when the room no longer gates the show.
 */
async function fromPass(s: Services, showtimeId: string, pass: PlacePass): Promise<Answer | "ended" | null> {
  const summary = await roomSummary(s, showtimeId);
  if (!summary.active) return "ended";
  const { opensAt } = summary;
  if (pass.admittedAt !== null && pass.seq !== null) return { opensAt, status: { state: "admitted", number: pass.seq, admittedAt: pass.admittedAt } };
  if (pass.seq === null) return summary.opened ? null : { opensAt, status: { state: "pre_queue", opensAt } };
  if (!summary.opened || pass.seq <= summary.admittedThrough) return null;
  return { opensAt, status: fanStatus({ seq: pass.seq, admitted_at: null }, summary, summary.seatsLeft, summary.ratePerMinute) };
}

/** The pass a status gives: only a fan with a place has one (a new fan turned away when sold out has none). */
function passOf(userId: string, showtimeId: string, status: FanStatus): PlacePass | null {
  switch (status.state) {
    case "pre_queue":
      return { userId, showtimeId, seq: null, admittedAt: null };
    case "waiting":
      return { userId, showtimeId, seq: status.number, admittedAt: null };
    case "admitted":
      return { userId, showtimeId, seq: status.number, admittedAt: status.admittedAt };
    case "sold_out":
      return status.number === null ? null : { userId, showtimeId, seq: status.number, admittedAt: null };
    default:
      return null;
  }
}

/**
 * What a fan sees of the queue, for the page and the JSON API alike. A fan with a place pass is
 * answered from it and the isolate's copy of the room's summary (ADR 026): a crowd's polls cost
 * the room one call per isolate a second, not one per fan. Otherwise one call to the room, which
 * knows whether it is active and when it opened. Only a verified account takes a place (ADR 016);
 * an unverified one just looks. An admitted fan gets a token whose expiry counts from the
 * admission, so asking again never extends it.
 */
export async function queueView(
  s: Services,
  request: Request,
  showtimeId: string,
  user: QueueFan,
  opts: { join: boolean },
): Promise<QueueView | null> {
  // Addressing an object creates it and its storage: a made-up id must not (known ids cost no D1 read).
  if (!(await showtimeExists(s, showtimeId))) return null;
  const pass = await readPlacePass(s, request, { userId: user.id, showtimeId });
  // A join with a pass is a refresh: the place it names is the account's, and stays.
  let answer = pass ? await fromPass(s, showtimeId, pass) : null;
  if (answer === "ended") return null;
  const setCookies: string[] = [];
  if (!answer) {
    const visit = await roomOf(s.env, showtimeId).visit(user.id, { join: opts.join && user.verified });
    if (!visit.active) return null;
    answer = { opensAt: visit.opensAt, status: visit.status };
    const fresh = passOf(user.id, showtimeId, visit.status);
    if (fresh && (fresh.seq !== pass?.seq || fresh.admittedAt !== pass?.admittedAt)) setCookies.push(await placePassCookie(s, fresh));
  }
  const { status, opensAt } = answer;
  const view = (v: Pick<QueueView, "status" | "token">): QueueView => ({ userId: user.id, opensAt, ...v, pollAfterSeconds: pollAfterSeconds(v.status, s.now), setCookies });
  if (status.state !== "admitted") return view({ status, token: null });
  if (status.admittedAt + s.config.ADMISSION_TOKEN_TTL_SECONDS * 1000 <= s.now) return view({ status: { state: "turn_passed" }, token: null });
  // Counted once per fan: the first answer that tells this browser it is in (its pass did not say so).
  if (pass?.admittedAt == null) recordEvent(s, { kind: "admission", showtimeId, value: 1 }, s.now);
  const token = await issueAdmission(s, { userId: user.id, showtimeId, opensAt, admittedAt: status.admittedAt });
  setCookies.push(admissionCookie(s, token));
  return view({ status, token });
}
