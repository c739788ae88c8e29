/**
 * Failed-login policy (docs/runbook.md "Log-in throttling"). Failures are counted per IP address and
 * per account+IP, never per account alone: a stranger's guesses slow down only the stranger, and the
 * owner from another address (or through a password reset, which is never throttled by this) gets in.
 * After `free` failures each further attempt waits `baseSeconds`, doubling up to `maxSeconds`.
 * Counters decay `decaySeconds` after the last failure.
 */
export const LOGIN_POLICY = {
  accountIp: { free: 5, baseSeconds: 30, maxSeconds: 15 * 60 },
  ip: { free: 25, baseSeconds: 30, maxSeconds: 15 * 60 },
  decaySeconds: 60 * 60,
} as const;

export type LoginLimit = { free: number; baseSeconds: number; maxSeconds: number };

/** Seconds the next attempt must wait after `failures` failed ones. */
export function loginDelaySeconds(limit: LoginLimit, failures: number): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.maxSeconds, limit.baseSeconds * 2 ** Math.min(failures - limit.free, 20));
}
