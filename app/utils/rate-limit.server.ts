/**
 * Request limits on Cloudflare's Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml;
 * it also runs under `wrangler dev` and in the vitest pool). `limit()` counts the request and
 * answers in one call, so the slot is taken before the work it guards: a burst cannot all pass a
 * read-then-record check. Counts are per Cloudflare location and approximate, which is right for
 * abuse limits; anything that must be exact per account (failed logins, seats per show) is counted
 * in D1 or in a Durable Object instead.
 */
export const RATE_LIMITS = {
  holdUser: { binding: "RL_HOLD_USER", what: "seat holds", period: 60 },
  holdIp: { binding: "RL_HOLD_IP", what: "seat holds", period: 60 },
  orderUser: { binding: "RL_ORDER_USER", what: "payment attempts", period: 60 },
  signupIp: { binding: "RL_SIGNUP_IP", what: "sign-ups", period: 60 },
  loginIp: { binding: "RL_LOGIN_IP", what: "log-in attempts", period: 60 },
  resetAccount: { binding: "RL_RESET_ACCOUNT", what: "password reset requests", period: 60 },
  resetIp: { binding: "RL_RESET_IP", what: "password reset requests", period: 60 },
  // Sign-in links (ADR 027) share the reset bindings' numbers, counted under their own keys.
  signInAccount: { binding: "RL_RESET_ACCOUNT", what: "sign-in link requests", period: 60 },
  signInIp: { binding: "RL_RESET_IP", what: "sign-in link requests", period: 60 },
  webhookIp: { binding: "RL_WEBHOOK_IP", what: "webhook deliveries", period: 60 },
} as const satisfies Record<string, { binding: keyof Env; what: string; period: 10 | 60 }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export type RateLimitOutcome = { ok: true } | { ok: false; name: RateLimitName; retryAfterSeconds: number; message: string };

/** The client's address as Cloudflare reports it; never a client-set header such as X-Forwarded-For. */
export function clientIp(request: Request): string {
  return request.headers.get("CF-Connecting-IP") ?? "unknown";
}

/**
 * Takes one slot of each named limit for its key, all at once (each call counts and answers
 * atomically, so asking together loses nothing and costs one round trip); the first full one decides.
 */
export async function takeSlots(env: Env, checks: readonly (readonly [RateLimitName, string])[]): Promise<RateLimitOutcome> {
  const answers = await Promise.all(checks.map(([name, key]) => env[RATE_LIMITS[name].binding].limit({ key: `${name}:${key}` })));
  const full = answers.findIndex((a) => !a.success);
  if (full === -1) return { ok: true };
  const name = checks[full]![0];
  const spec = RATE_LIMITS[name];
  // The binding does not say when its window ends; a whole period is an upper bound.
  const retryAfterSeconds = spec.period;
  return { ok: false, name, retryAfterSeconds, message: `Too many ${spec.what} from you just now. Try again in ${retryAfterSeconds} seconds.` };
}

/**
 * For loaders and actions: a full limit is thrown as a 429 with Retry-After, before anything changes.
 * A Response rather than `data()`, because a resource route (no UI) returns a thrown `data()`
 * without its headers; page routes render it in their error boundary either way.
 */
export async function requireSlots(env: Env, checks: readonly (readonly [RateLimitName, string])[]): Promise<void> {
  const outcome = await takeSlots(env, checks);
  if (!outcome.ok) {
    throw Response.json({ message: outcome.message }, { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } });
  }
}
