import type { Services } from "#app/utils/context.server";
import { admissionCookie, issueAdmission } from "./admission.server";
import { roomOf } from "./client.server";
import type { FanStatus } from "./contract";
import { activeRoom, isVerifiedAccount } from "./rooms.server";

export type QueueView = {
  status: FanStatus | { state: "turn_passed" };
  opensAt: number;
  /** Set when the fan is admitted and their admission is still valid. */
  token: string | null;
  /** The admission cookie to set alongside `token`. */
  setCookie: string | null;
};

/**
 * What a fan sees of the queue, for the page and the JSON API alike. An admitted fan gets a
 * token whose expiry counts from the admission, so asking again never extends it.
 */
export async function queueView(s: Services, showtimeId: string, userId: string, opts: { join: boolean }): Promise<QueueView | null> {
  const room = await activeRoom(s, showtimeId);
  if (!room) return null;
  const stub = roomOf(s.env, showtimeId);
  const status = opts.join && (await isVerifiedAccount(s, userId)) ? await stub.join(userId) : await stub.status(userId);
  if (status.state !== "admitted") return { status, opensAt: room.opensAt, token: null, setCookie: null };
  if (status.admittedAt + s.config.ADMISSION_TOKEN_TTL_SECONDS * 1000 <= s.now) {
    return { status: { state: "turn_passed" }, opensAt: room.opensAt, token: null, setCookie: null };
  }
  const token = await issueAdmission(s, { userId, showtimeId, opensAt: room.opensAt, admittedAt: status.admittedAt });
  return { status, opensAt: room.opensAt, token, setCookie: admissionCookie(s, token) };
}
