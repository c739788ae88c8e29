import { eq } from "drizzle-orm";
import { users, type User } from "#app/db/schema.server";
import { enqueueAccountEmail } from "#app/email/queue.server";
import type { Services } from "#app/utils/context.server";
import { clientIp, takeSlots, type RateLimitOutcome } from "#app/utils/rate-limit.server";
import { issueToken, liveResetToken, secretMatches, TOKEN_RULES } from "./account-tokens.server";
import { resetTokenId } from "./accounts.server";
import { clearAccountThrottle } from "./login-throttle.server";

/**
 * The owner's way in that no failed-login count can block (ADR 027): a single-use link mailed to
 * the verified address. Asking answers the same for any address; the link carries an unguessable
 * token (an HMAC, like a reset link), so it needs no guess counter an attacker could use up, and a
 * new link never retires an older one a stranger did not see. Using it starts a session and lifts
 * the account's password lock (its failed-login counts are cleared, as a reset clears them).
 */

export const SIGN_IN_LINK_MINUTES = TOKEN_RULES.sign_in.ttlMs / 60_000;

/** Limited per address and per account (Workers Rate Limiting); the same answer whether or not the account exists. */
export async function requestSignInLink(s: Services, request: Request, email: string): Promise<RateLimitOutcome> {
  const slot = await takeSlots(s.env, [
    ["signInIp", clientIp(request)],
    ["signInAccount", email.toLowerCase()],
  ]);
  if (!slot.ok) return slot;
  const user = await s.db.select({ id: users.id, verified: users.emailVerifiedAt }).from(users).where(eq(users.email, email)).get();
  if (user?.verified != null) {
    // After the response, so timing says nothing about whether the account exists.
    s.waitUntil(
      (async () => {
        const tokenId = await issueToken(s.env.DB, s.config, user.id, "sign_in", s.now);
        if (tokenId) await enqueueAccountEmail(s.env, "sign_in_link", user.id, tokenId);
      })(),
    );
  }
  return { ok: true };
}

export type SignInResult = { ok: true; userId: string; role: User["role"] } | { ok: false };

/** Spends the link (once, gated in one statement) and clears the account's failed-login counts. */
export async function spendSignInLink(s: Services, token: string): Promise<SignInResult> {
  const tokenId = resetTokenId(token);
  const live = tokenId ? await liveResetToken(s.env.DB, tokenId, s.now, "sign_in") : null;
  if (!live || !(await secretMatches(live.id, token, live.secretHash))) return { ok: false };
  const user = await s.db.select({ id: users.id, email: users.email, role: users.role, verified: users.emailVerifiedAt }).from(users).where(eq(users.id, live.userId)).get();
  if (!user || user.verified === null) return { ok: false };
  const db = s.env.DB;
  const spent = await db
    .prepare("UPDATE account_tokens SET used_at = ?1 WHERE id = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING id")
    .bind(s.now, live.id)
    .first<{ id: string }>();
  if (!spent) return { ok: false };
  await clearAccountThrottle(db, user.email).run();
  return { ok: true, userId: user.id, role: user.role };
}
