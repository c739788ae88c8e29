import { LOGIN_POLICY, type LoginLimit } from "#app/domain/login-policy";

/**
 * Counts a log-in attempt BEFORE the password is checked: one conditional upsert per key adds the
 * attempt and sets when the next one may come, and refuses (no row returned) while that time has
 * not come. D1 runs each statement atomically, so 25 simultaneous guesses cannot all pass a limit
 * of 5. A success then takes the attempt back (see `forgiveAttempt`).
 */

export type ThrottleKey = { key: string; account: string | null; limit: LoginLimit; scope: "ip" | "accountIp" | "account" };

/** The account's own key, counting failures from every address (ADR 027). */
export function accountKey(email: string): string {
  return `acct:${email.toLowerCase()}`;
}

export function throttleKeys(email: string, ip: string): ThrottleKey[] {
  const account = email.toLowerCase();
  return [
    { key: `ip:${ip}`, account: null, limit: LOGIN_POLICY.ip, scope: "ip" },
    { key: `acct:${account}|${ip}`, account, limit: LOGIN_POLICY.accountIp, scope: "accountIp" },
    { key: accountKey(account), account, limit: LOGIN_POLICY.account, scope: "account" },
  ];
}

/** SQL for loginDelaySeconds(limit, f) in milliseconds, `f` being an SQL expression. */
function delayMsSql(limit: LoginLimit, f: string): string {
  const steps = `min(${f} - ${limit.free}, 20)`;
  return `CASE WHEN ${f} < ${limit.free} THEN 0 ELSE min(${limit.maxSeconds * 1000}, ${limit.baseSeconds * 1000} * (1 << ${steps})) END`;
}

async function reserve(db: D1Database, k: ThrottleKey, now: number): Promise<number | null> {
  const stale = now - LOGIN_POLICY.decaySeconds * 1000;
  const newFailures = `(CASE WHEN login_throttle.last_failure_at <= ?3 THEN 1 ELSE login_throttle.failures + 1 END)`;
  const row = await db
    .prepare(
      `INSERT INTO login_throttle (key, account, failures, last_failure_at, next_attempt_at)
       VALUES (?1, ?2, 1, ?4, ?4 + ${delayMsSql(k.limit, "1")})
       ON CONFLICT(key) DO UPDATE SET
         failures = ${newFailures},
         last_failure_at = ?4,
         next_attempt_at = ?4 + ${delayMsSql(k.limit, newFailures)}
       WHERE login_throttle.next_attempt_at <= ?4 OR login_throttle.last_failure_at <= ?3
       RETURNING failures`,
    )
    .bind(k.key, k.account, stale, now)
    .first<{ failures: number }>();
  return row?.failures ?? null;
}

async function retryAfterSeconds(db: D1Database, key: string, now: number): Promise<number> {
  const row = await db.prepare("SELECT next_attempt_at FROM login_throttle WHERE key = ?").bind(key).first<{ next_attempt_at: number }>();
  return Math.max(1, Math.ceil(((row?.next_attempt_at ?? now) - now) / 1000));
}

/** Takes back an attempt that was reserved but not (or not wrongly) used. */
async function forgive(db: D1Database, key: string): Promise<void> {
  await db.prepare("UPDATE login_throttle SET failures = max(failures - 1, 0) WHERE key = ?").bind(key).run();
}

export type Reservation =
  | { ok: true; keys: ThrottleKey[]; /** This attempt's place in the account's own count (all addresses). */ accountFailures: number }
  | { ok: false; retryAfterSeconds: number; scope: ThrottleKey["scope"] };

/** Reserves an attempt on every key, or none: a refused key gives back what the others took. */
export async function reserveLoginAttempt(db: D1Database, keys: ThrottleKey[], now: number): Promise<Reservation> {
  const taken: ThrottleKey[] = [];
  let accountFailures = 0;
  for (const k of keys) {
    const failures = await reserve(db, k, now);
    if (failures !== null) {
      taken.push(k);
      if (k.scope === "account") accountFailures = failures;
      continue;
    }
    await Promise.all(taken.map((t) => forgive(db, t.key)));
    return { ok: false, retryAfterSeconds: await retryAfterSeconds(db, k.key, now), scope: k.scope };
  }
  return { ok: true, keys: taken, accountFailures };
}

/** Whether password log-ins to this account are slowed by failures from any address (the sign-in link email says so). */
export async function accountThrottled(db: D1Database, email: string, now: number): Promise<boolean> {
  const row = await db
    .prepare("SELECT failures FROM login_throttle WHERE key = ? AND last_failure_at > ?")
    .bind(accountKey(email), now - LOGIN_POLICY.decaySeconds * 1000)
    .first<{ failures: number }>();
  return (row?.failures ?? 0) >= LOGIN_POLICY.account.free;
}

/** The right password: the account's counts (this address's and its own) start over, the IP's loses the attempt. */
export async function loginSucceeded(db: D1Database, keys: ThrottleKey[]): Promise<void> {
  await db.batch(
    keys.map((k) =>
      k.account === null
        ? db.prepare("UPDATE login_throttle SET failures = max(failures - 1, 0), next_attempt_at = 0 WHERE key = ? AND failures <= ?").bind(k.key, k.limit.free)
        : db.prepare("DELETE FROM login_throttle WHERE key = ?").bind(k.key),
    ),
  );
}

/** A password reset or change: nobody needs to wait for old failures on this account any more. */
export function clearAccountThrottle(db: D1Database, email: string): D1PreparedStatement {
  return db.prepare("DELETE FROM login_throttle WHERE account = ?").bind(email.toLowerCase());
}
