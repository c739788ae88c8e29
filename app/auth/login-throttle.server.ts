import { eq, inArray, sql } from "drizzle-orm";
import { loginThrottle } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";

/** Failed-login limits: a fixed window per account and a looser one per IP address. */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perIp: 30,
} as const;

export function throttleKeys(email: string, ip: string | null): { account: string; ip: string | null } {
  return { account: `email:${email.toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/** Seconds until the caller may try again, or 0 when not limited. */
export async function loginRetryAfter(db: Db, keys: { account: string; ip: string | null }, now: number) {
  const wanted = [keys.account, ...(keys.ip ? [keys.ip] : [])];
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, wanted)).all();
  let wait = 0;
  for (const row of rows) {
    const limit = row.key === keys.account ? LOGIN_LIMITS.perAccount : LOGIN_LIMITS.perIp;
    const windowEnd = row.windowStart + LOGIN_LIMITS.windowMs;
    if (row.failures >= limit && windowEnd > now) wait = Math.max(wait, Math.ceil((windowEnd - now) / 1000));
  }
  return wait;
}

/** Counts a failure atomically in SQL, so concurrent attempts cannot slip under the limit. */
export async function recordLoginFailure(db: Db, keys: { account: string; ip: string | null }, now: number) {
  const windowStartIfStale = now - LOGIN_LIMITS.windowMs;
  const upserts = [keys.account, ...(keys.ip ? [keys.ip] : [])].map((key) =>
    db
      .insert(loginThrottle)
      .values({ key, windowStart: now, failures: 1 })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${loginThrottle.windowStart} <= ${windowStartIfStale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${loginThrottle.windowStart} <= ${windowStartIfStale} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
        },
      }),
  );
  const [first, ...rest] = upserts;
  if (first) await db.batch([first, ...rest]);
}

export async function clearAccountFailures(db: Db, keys: { account: string }) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keys.account));
}
