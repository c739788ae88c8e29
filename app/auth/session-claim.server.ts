import { signValue, type KeyConfig } from "#app/utils/keys.server";

/**
 * What a session cookie says, under our signature: the session id and, in cookies minted since ADR
 * 025, the account, whether it was verified when the session began, and the session's expiry. The
 * claims let the queue's join and poll skip D1; everything else asks D1 whether the session lives.
 */
export type SessionClaim = { sessionId: string; userId: string | null; verified: boolean; expiresAt: number | null };

const CLAIM_PART = /^[A-Za-z0-9_-]{1,64}$/;

/** The signed value's parts: `sessionId` (cookies from before ADR 025) or `sessionId.userId.verified.expiresAt`. */
export function parseClaim(value: string): SessionClaim | null {
  const parts = value.split(".");
  if (!parts.every((part) => CLAIM_PART.test(part))) return null;
  if (parts.length === 1) return { sessionId: parts[0]!, userId: null, verified: false, expiresAt: null };
  if (parts.length !== 4) return null;
  const [sessionId, userId, verified, expiresAt] = parts as [string, string, string, string];
  if ((verified !== "0" && verified !== "1") || !/^[0-9]{1,15}$/.test(expiresAt)) return null;
  return { sessionId, userId, verified: verified === "1", expiresAt: Number(expiresAt) };
}

/** The cookie's value: the session id and its claims, signed with the "session" key (see `SessionClaim`). */
export function signSessionClaim(keys: KeyConfig, claim: { sessionId: string; userId: string; verified: boolean; expiresAt: number }): Promise<string> {
  return signValue(keys, "session", [claim.sessionId, claim.userId, claim.verified ? "1" : "0", String(claim.expiresAt)].join("."));
}
