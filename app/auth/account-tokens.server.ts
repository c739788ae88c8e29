import type { AccountTokenPurpose } from "#app/domain/enums";
import { base64url, randomId, sha256Hex, timingSafeEqualText } from "#app/utils/crypto.server";
import { currentMac, macsUnderEveryKey, type KeyConfig, type KeyPurpose } from "#app/utils/keys.server";

/**
 * Single-use secrets mailed to a user. The secret is derived from the row id with the server key
 * (so the queue message and any dead letter carry only the id), and the row keeps only its hash
 * (so a copy of the database alone reveals no usable code or link). The key is the purpose's
 * (app/utils/keys.server.ts); the consumer finds which accepted key a row was issued under by its
 * hash, so a rotation between issue and send still mails the code the row expects.
 */
export const TOKEN_RULES = {
  verify_email: { ttlMs: 15 * 60 * 1000, maxAttempts: 5, cooldownMs: 60 * 1000, retiresOlder: true },
  password_reset: { ttlMs: 30 * 60 * 1000, maxAttempts: 1, cooldownMs: 60 * 1000, retiresOlder: true },
  // A sign-in link does not retire older ones: a stranger asking for links cannot kill the one in
  // the owner's inbox (ADR 027). Each is single use, unguessable, and lives 15 minutes.
  sign_in: { ttlMs: 15 * 60 * 1000, maxAttempts: 1, cooldownMs: 60 * 1000, retiresOlder: false },
} as const satisfies Record<AccountTokenPurpose, { ttlMs: number; maxAttempts: number; cooldownMs: number; retiresOlder: boolean }>;

const KEY_PURPOSE = { verify_email: "verify-email", password_reset: "password-reset", sign_in: "sign-in" } as const satisfies Record<AccountTokenPurpose, KeyPurpose>;

/** The plain secret of a token id from its MAC: a 6-digit code, or a reset token "<id>.<mac>" (the link names its row without a lookup by secret). */
function plainSecret(purpose: AccountTokenPurpose, tokenId: string, mac: Uint8Array): string {
  if (purpose === "password_reset" || purpose === "sign_in") return `${tokenId}.${base64url(mac)}`;
  const n = ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0;
  return String(n % 1_000_000).padStart(6, "0");
}

/** The 6-digit verification code of a token id issued now. */
export async function verificationCode(keys: KeyConfig, tokenId: string): Promise<string> {
  return plainSecret("verify_email", tokenId, await currentMac(keys, KEY_PURPOSE.verify_email, tokenId));
}

/** The reset token of a token id issued now. */
export async function resetToken(keys: KeyConfig, tokenId: string): Promise<string> {
  return plainSecret("password_reset", tokenId, await currentMac(keys, KEY_PURPOSE.password_reset, tokenId));
}

/** The sign-in link's token of a token id issued now, shaped like a reset token under its own key. */
export async function signInToken(keys: KeyConfig, tokenId: string): Promise<string> {
  return plainSecret("sign_in", tokenId, await currentMac(keys, KEY_PURPOSE.sign_in, tokenId));
}

/**
 * The code or reset token a row was issued with, for its email: derived under every key still
 * accepted (current, previous, and the derivation from before key ids), the one whose hash the row
 * keeps. Null when that key is no longer accepted.
 */
export async function issuedSecret(keys: KeyConfig, token: { id: string; purpose: AccountTokenPurpose; secretHash: string }): Promise<string | null> {
  for (const mac of await macsUnderEveryKey(keys, KEY_PURPOSE[token.purpose], token.id)) {
    const plain = plainSecret(token.purpose, token.id, mac);
    if (await secretMatches(token.id, plain, token.secretHash)) return plain;
  }
  return null;
}

export function secretHash(tokenId: string, secret: string): Promise<string> {
  return sha256Hex(`${tokenId}:${secret}`);
}

export async function secretMatches(tokenId: string, given: string, storedHash: string): Promise<boolean> {
  return timingSafeEqualText(await secretHash(tokenId, given), storedHash);
}

/**
 * Issues a token unless one of the same purpose was issued within the cool-down: the insert is
 * conditional in one statement, so two quick clicks cannot both send. A newer token retires the
 * older ones in the same batch. Returns the id, or null during the cool-down.
 */
export async function issueToken(db: D1Database, keys: KeyConfig, userId: string, purpose: AccountTokenPurpose, now: number): Promise<string | null> {
  const rules = TOKEN_RULES[purpose];
  const id = `tok_${randomId(12)}`;
  const plain = plainSecret(purpose, id, await currentMac(keys, KEY_PURPOSE[purpose], id));
  const retire = TOKEN_RULES[purpose].retiresOlder ? 1 : 0;
  const [inserted] = await db.batch<{ id: string }>([
    db
      .prepare(
        `INSERT INTO account_tokens (id, user_id, purpose, secret_hash, attempts, expires_at, created_at)
         SELECT ?1, ?2, ?3, ?4, 0, ?5, ?6
         WHERE NOT EXISTS (SELECT 1 FROM account_tokens WHERE user_id = ?2 AND purpose = ?3 AND created_at > ?7)
         RETURNING id`,
      )
      .bind(id, userId, purpose, await secretHash(id, plain), now + rules.ttlMs, now, now - rules.cooldownMs),
    db
      .prepare(
        `UPDATE account_tokens SET used_at = ?4 WHERE ?5 = 1 AND user_id = ?1 AND purpose = ?2 AND id != ?3 AND used_at IS NULL
         AND EXISTS (SELECT 1 FROM account_tokens WHERE id = ?3)`,
      )
      .bind(userId, purpose, id, now, retire),
  ]);
  return inserted?.results[0]?.id ?? null;
}

/** Seconds until a new token of this purpose may be issued (0 = now). */
export async function cooldownSeconds(db: D1Database, userId: string, purpose: AccountTokenPurpose, now: number): Promise<number> {
  const row = await db
    .prepare("SELECT max(created_at) AS last FROM account_tokens WHERE user_id = ? AND purpose = ?")
    .bind(userId, purpose)
    .first<{ last: number | null }>();
  if (!row?.last) return 0;
  return Math.max(0, Math.ceil((row.last + TOKEN_RULES[purpose].cooldownMs - now) / 1000));
}

export type LiveToken = { id: string; userId: string; secretHash: string; expiresAt: number };

/**
 * Counts a guess against the user's newest live code before it is compared, in one conditional
 * update: once `maxAttempts` guesses are used the code is dead, however many arrive at once.
 */
export async function takeCodeAttempt(db: D1Database, userId: string, now: number): Promise<LiveToken | null> {
  const row = await db
    .prepare(
      `UPDATE account_tokens SET attempts = attempts + 1
       WHERE id = (SELECT id FROM account_tokens WHERE user_id = ?1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > ?2
                   ORDER BY created_at DESC LIMIT 1)
         AND attempts < ?3
       RETURNING id, user_id, secret_hash, expires_at`,
    )
    .bind(userId, now, TOKEN_RULES.verify_email.maxAttempts)
    .first<{ id: string; user_id: string; secret_hash: string; expires_at: number }>();
  return row ? { id: row.id, userId: row.user_id, secretHash: row.secret_hash, expiresAt: row.expires_at } : null;
}

/** A reset token's row if it is unused and unexpired. */
export async function liveResetToken(db: D1Database, tokenId: string, now: number, purpose: "password_reset" | "sign_in" = "password_reset"): Promise<LiveToken | null> {
  const row = await db
    .prepare(
      "SELECT id, user_id, secret_hash, expires_at FROM account_tokens WHERE id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
    )
    .bind(tokenId, purpose, now)
    .first<{ id: string; user_id: string; secret_hash: string; expires_at: number }>();
  return row ? { id: row.id, userId: row.user_id, secretHash: row.secret_hash, expiresAt: row.expires_at } : null;
}

/** The row a mailed token belongs to, if it can still be used (the consumer skips stale ones). */
export async function tokenForEmail(db: D1Database, tokenId: string, userId: string, now: number) {
  const row = await db
    .prepare("SELECT id, purpose, secret_hash, expires_at FROM account_tokens WHERE id = ? AND user_id = ? AND used_at IS NULL AND expires_at > ?")
    .bind(tokenId, userId, now)
    .first<{ id: string; purpose: AccountTokenPurpose; secret_hash: string; expires_at: number }>();
  return row ? { id: row.id, purpose: row.purpose, secretHash: row.secret_hash, expiresAt: row.expires_at } : null;
}
