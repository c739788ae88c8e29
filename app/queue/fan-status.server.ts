import type { Services } from "#app/utils/context.server";
import type { SessionUser } from "#app/auth/session.server";
import { isVerified } from "#app/auth/accounts.server";
import { showtimeExists } from "#app/seats/client.server";
import { admissionCookie, issueAdmission } from "./admission.server";
import { roomOf } from "./client.server";
import type { FanStatus } from "./contract";

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
  /** The admission cookie to set alongside `token`. */
  setCookie: string | null;
};

/**
 * What a fan sees of the queue, for the page and the JSON API alike: one call to the room, which
 * knows whether it is active and when it opened (no D1 read for the room once this isolate has
 * seen the showtime). Only a verified account
 * takes a place (one place per verified account, ADR 016); an unverified one just looks. An
 * admitted fan gets a token whose expiry counts from the admission, so asking again never extends it.
 */
export async function queueView(
  s: Services,
  showtimeId: string,
  user: QueueFan,
  opts: { join: boolean },
): Promise<QueueView | null> {
  // Addressing an object creates it and its storage: a made-up id must not (known ids cost no D1 read).
  if (!(await showtimeExists(s, showtimeId))) return null;
  const visit = await roomOf(s.env, showtimeId).visit(user.id, { join: opts.join && user.verified });
  if (!visit.active) return null;
  const { status, opensAt } = visit;
  if (status.state !== "admitted") return { userId: user.id, status, opensAt, token: null, setCookie: null };
  if (status.admittedAt + s.config.ADMISSION_TOKEN_TTL_SECONDS * 1000 <= s.now) {
    return { userId: user.id, status: { state: "turn_passed" }, opensAt, token: null, setCookie: null };
  }
  const token = await issueAdmission(s, { userId: user.id, showtimeId, opensAt, admittedAt: status.admittedAt });
  return { userId: user.id, status, opensAt, token, setCookie: admissionCookie(s, token) };
}
