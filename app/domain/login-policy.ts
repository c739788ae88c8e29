/**
 * Failed-login policy (docs/runbook.md "Log-in throttling", ADRs 016 and 027). Failures are counted
 * per IP address, per account+IP, and per account across every address: a guesser spread over many
 * addresses meets the account's own count. Past the account's `free` failures every password
 * attempt, from any address, waits `baseSeconds` doubling up to `maxSeconds` and must pass the bot
 * check; the owner is never locked out, because a sign-in link mailed to the verified address
 * (app/auth/sign-in-link.server.ts) is not throttled by any of this, and using it clears the counts.
 * Counters decay `decaySeconds` after the last failure.
 */
export const LOGIN_POLICY = {
  accountIp: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  ip: { free: 25, baseSeconds: 30, maxSeconds: 15 * 60 },
  account: { free: 10, baseSeconds: 30, maxSeconds: 15 * 60 },
  decaySeconds: 60 * 60,
} as const;

/** Whether an attempt that is the account's `failures`-th counted one must pass the bot check. */
export function needsBotCheck(failures: number): boolean {
  return failures > LOGIN_POLICY.account.free;
}

export type LoginLimit = { free: number; baseSeconds: number; maxSeconds: number };

/** Seconds the next attempt must wait after `failures` failed ones. */
export function loginDelaySeconds(limit: LoginLimit, failures: number): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.maxSeconds, limit.baseSeconds * 2 ** Math.min(failures - limit.free, 20));
}
