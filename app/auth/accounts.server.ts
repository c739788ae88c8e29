import type { Locale } from "#app/i18n/locales";
import { eq } from "drizzle-orm";
import { users, type User } from "#app/db/schema.server";
import type { AccountEmailType } from "#app/domain/enums";
import { enqueueAccountEmail } from "#app/email/queue.server";
import type { Services } from "#app/utils/context.server";
import { isUniqueViolation } from "#app/utils/db.server";
import { takeSlots } from "#app/utils/rate-limit.server";
import { DUMMY_PASSWORD_HASH, hashPassword, randomId, verifyPassword } from "#app/utils/crypto.server";
import { issueToken, liveResetToken, secretMatches, takeCodeAttempt } from "./account-tokens.server";
import { clearAccountThrottle, loginSucceeded, reserveLoginAttempt, throttleKeys } from "./login-throttle.server";
import { needsBotCheck } from "#app/domain/login-policy";
import { forgetCachedSessions } from "./session.server";
import type { LoginInput, SignupInput } from "./validation";

/**
 * The one question the rest of the app asks about verification (the on-sale queue, seat holds):
 * has the owner proved the address? Unverified accounts cannot log in, so in practice every
 * session user is verified; the check keeps that true even if a session predates it.
 */
export function isVerified(user: Pick<User, "emailVerifiedAt">): boolean {
  return user.emailVerifiedAt !== null;
}

function sendAccountEmail(s: Services, type: AccountEmailType, userId: string, ref: string) {
  return enqueueAccountEmail(s.env, type, userId, ref);
}

/** Issues a verification code and mails it; during the resend cool-down the last code stands. */
export async function sendVerificationCode(s: Services, userId: string): Promise<boolean> {
  const tokenId = await issueToken(s.env.DB, s.config, userId, "verify_email", s.now);
  if (tokenId) await sendAccountEmail(s, "verify_email", userId, tokenId);
  return tokenId !== null;
}

/**
 * "Send me a new code": mails one if the address belongs to an account still waiting for
 * verification, and otherwise nothing. The caller answers the same whether or not there is such
 * an account, or it is already verified.
 */
export async function resendVerificationCode(s: Services, email: string): Promise<void> {
  const user = await s.db.select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email)).get();
  if (user && !isVerified(user)) await sendVerificationCode(s, user.id);
}

/**
 * Signup answers the same whether or not the email is registered ("check your inbox"): a new
 * address gets a code, a registered one gets a note to its owner. The password is hashed either
 * way and the mail is sent after the response, so timing says nothing either.
 */
export async function signup(s: Services, input: SignupInput, locale: Locale | null = null): Promise<void> {
  const userId = `usr_${randomId(12)}`;
  const passwordHash = await hashPassword(input.password);
  try {
    // The UNIQUE constraint on email decides, not a read before the write.
    await s.db.insert(users).values({
      id: userId,
      email: input.email,
      name: input.name,
      phone: input.phone ?? null,
      passwordHash,
      role: "customer",
      emailVerifiedAt: null,
      // The language the fan signed up in: the verification email and every later one use it.
      locale,
      createdAt: s.now,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    s.waitUntil(
      (async () => {
        const owner = await s.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
        // A few notices a minute at most, so repeated signups cannot flood the owner's inbox.
        const slot = await takeSlots(s.env, [["resetAccount", `signup-notice:${input.email}`]]);
        if (owner && slot.ok) await sendAccountEmail(s, "signup_existing", owner.id, `evt_${randomId(12)}`);
      })(),
    );
    return;
  }
  s.waitUntil(sendVerificationCode(s, userId));
}

export type LoginResult =
  | { ok: true; userId: string; role: User["role"] }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "unverified"; userId: string }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number; accountWide: boolean }
  | { ok: false; reason: "bot_check"; message: string; retry: boolean };

/** The bot check of the request (Turnstile, or the local stand-in), asked only when the account's count calls for it. */
export type HumanCheck = () => Promise<{ ok: true } | { ok: false; message: string; retry: boolean }>;

const BOT_CHECK_NEEDED =
  "This account has had many wrong passwords lately, so logging in with a password needs the check below. " +
  "Complete it and try again, or get a sign-in link by email (/sign-in-link).";

/**
 * Checks a password, after the attempt has been counted (app/auth/login-throttle.server.ts): per
 * address, per account and address, and per account from every address. Past the account's
 * threshold the attempt must also pass the bot check (ADR 027).
 */
export async function login(s: Services, input: LoginInput, ip: string, human?: HumanCheck): Promise<LoginResult> {
  const reservation = await reserveLoginAttempt(s.env.DB, throttleKeys(input.email, ip), s.now);
  if (!reservation.ok) {
    return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds, accountWide: reservation.scope === "account" };
  }
  if (needsBotCheck(reservation.accountFailures)) {
    const passed = human ? await human() : { ok: false as const, message: "", retry: false };
    if (!passed.ok) return { ok: false, reason: "bot_check", message: `${passed.message} ${BOT_CHECK_NEEDED}`.trim(), retry: passed.retry };
  }
  const user = await s.db
    .select({ id: users.id, passwordHash: users.passwordHash, role: users.role, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await loginSucceeded(s.env.DB, reservation.keys);
  if (!isVerified(user)) return { ok: false, reason: "unverified", userId: user.id };
  return { ok: true, userId: user.id, role: user.role };
}

export type VerifyResult = { ok: true; userId: string; role: User["role"] } | { ok: false };

/** One guess at a signup code: counted before it is compared, single-use, and the same answer for every failure. */
export async function verifyEmail(s: Services, email: string, code: string): Promise<VerifyResult> {
  const user = await s.db.select({ id: users.id, role: users.role, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email)).get();
  if (!user || isVerified(user)) return { ok: false };
  const token = await takeCodeAttempt(s.env.DB, user.id, s.now);
  if (!token || !(await secretMatches(token.id, code, token.secretHash))) return { ok: false };
  const db = s.env.DB;
  // The token is spent and the address marked in one batch, gated on the token still being unused,
  // so two copies of the right code arriving at once verify once.
  const [, spent] = await db.batch<{ id: string }>([
    db
      .prepare("UPDATE users SET email_verified_at = ?1 WHERE id = ?2 AND EXISTS (SELECT 1 FROM account_tokens WHERE id = ?3 AND used_at IS NULL)")
      .bind(s.now, user.id, token.id),
    db.prepare("UPDATE account_tokens SET used_at = ?1 WHERE id = ?2 AND used_at IS NULL RETURNING id").bind(s.now, token.id),
  ]);
  if (!spent?.results.length) return { ok: false };
  return { ok: true, userId: user.id, role: user.role };
}

/**
 * "Forgot password": the caller always hears the same thing. For a real account a token is issued
 * (retiring older ones) and mailed after the response, so timing does not tell either.
 */
export async function requestPasswordReset(s: Services, email: string): Promise<void> {
  const user = await s.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) return;
  s.waitUntil(
    (async () => {
      const tokenId = await issueToken(s.env.DB, s.config, user.id, "password_reset", s.now);
      if (tokenId) await sendAccountEmail(s, "password_reset", user.id, tokenId);
    })(),
  );
}

export type ResetResult = { ok: true; userId: string; role: User["role"] } | { ok: false };

/** A reset token's id, if the text has the shape of one (the signature part is checked against the hash). */
export function resetTokenId(token: string): string | null {
  const id = token.split(".")[0] ?? "";
  return /^tok_[A-Za-z0-9_-]{16}$/.test(id) ? id : null;
}

/**
 * Sets a new password with a mailed token: single use, gated in one batch on the token still being
 * live; every session of the user ends, every other reset token dies, and old login failures are
 * forgotten. Reaching the inbox also proves the address, so an unverified account becomes verified.
 */
export async function resetPassword(s: Services, token: string, password: string): Promise<ResetResult> {
  const tokenId = resetTokenId(token);
  const live = tokenId ? await liveResetToken(s.env.DB, tokenId, s.now) : null;
  if (!live || !(await secretMatches(live.id, token, live.secretHash))) return { ok: false };
  const user = await s.db.select({ id: users.id, email: users.email, role: users.role }).from(users).where(eq(users.id, live.userId)).get();
  if (!user) return { ok: false };
  const hash = await hashPassword(password);
  const db = s.env.DB;
  // Every statement is gated on the token still being live, and the batch runs as one unit: a
  // second use of the same link (or a race of two) changes nothing.
  const gate = "EXISTS (SELECT 1 FROM account_tokens WHERE id = ?2 AND used_at IS NULL AND expires_at > ?3)";
  const results = await db.batch<{ id: string }>([
    db
      .prepare(`UPDATE users SET password_hash = ?4, email_verified_at = COALESCE(email_verified_at, ?3) WHERE id = ?1 AND ${gate}`)
      .bind(user.id, live.id, s.now, hash),
    db.prepare(`DELETE FROM sessions WHERE user_id = ?1 AND ${gate}`).bind(user.id, live.id, s.now),
    clearAccountThrottle(db, user.email),
    db
      .prepare("UPDATE account_tokens SET used_at = ?1 WHERE user_id = ?2 AND purpose = 'password_reset' AND used_at IS NULL RETURNING id")
      .bind(s.now, user.id),
  ]);
  if (!results[3]?.results.some((r) => r.id === live.id)) return { ok: false };
  forgetCachedSessions(user.id);
  // The change has happened; the notice must not turn it into an error if the queue hiccups.
  s.waitUntil(sendAccountEmail(s, "password_changed", user.id, `evt_${randomId(12)}`));
  return { ok: true, userId: user.id, role: user.role };
}

export type ChangeResult = { ok: true } | { ok: false; reason: "wrong_password" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** From the account page: the current password (throttled like a login), then every other session ends. */
export async function changePassword(
  s: Services,
  user: { id: string; email: string; sessionId: string },
  current: string,
  password: string,
  ip: string,
): Promise<ChangeResult> {
  // The owner, signed in: per-address counts only, so a stranger's guesses at the account cannot stop a change.
  const reservation = await reserveLoginAttempt(s.env.DB, throttleKeys(user.email, ip).filter((k) => k.scope !== "account"), s.now);
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  const row = await s.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  if (!row || !(await verifyPassword(current, row.passwordHash))) return { ok: false, reason: "wrong_password" };
  await loginSucceeded(s.env.DB, reservation.keys);
  const db = s.env.DB;
  await db.batch([
    db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(await hashPassword(password), user.id),
    db.prepare("DELETE FROM sessions WHERE user_id = ? AND id != ?").bind(user.id, user.sessionId),
    db.prepare("UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'password_reset' AND used_at IS NULL").bind(s.now, user.id),
    clearAccountThrottle(db, user.email),
  ]);
  forgetCachedSessions(user.id, user.sessionId);
  // The change has happened; the notice must not turn it into an error if the queue hiccups.
  s.waitUntil(sendAccountEmail(s, "password_changed", user.id, `evt_${randomId(12)}`));
  return { ok: true };
}
