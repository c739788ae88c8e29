import type { AppLoadContext } from "react-router";
import { paymentDeps, type PaymentDeps } from "#app/payments/context.server";
import { getDb, type Db } from "./db.server";
import { getConfig, type AppConfig } from "./env.server";
import { isLocalhost } from "./http.server";

/** Everything a loader, action or Worker handler needs, built once per request. */
export type Services = {
  env: Env;
  db: Db;
  config: AppConfig;
  /** The request's one clock: `now` is read once, so every rule in a request agrees on the time. */
  now: number;
  secureCookies: boolean;
  /** Work that may finish after the response (webhook deliveries, refunds' follow-ups). */
  waitUntil: (promise: Promise<unknown>) => void;
  /** Identifies this request (its ExecutionContext) for work shared only inside it. */
  requestScope: object;
  /** Razorpay client, sandbox and payment config: built on first use, on the same clock. */
  payments: () => Promise<PaymentDeps>;
};

type WorkerContext = Pick<AppLoadContext, "cloudflare">;

/** Cookies carry `Secure` everywhere but plain-http loopback and the test pool. */
export function wantsSecureCookies(request: Request, config: Pick<AppConfig, "APP_ENV">): boolean {
  return !isLocalhost(request) && config.APP_ENV !== "test";
}

export function services(context: WorkerContext, request: Request, now = Date.now()): Services {
  const env = context.cloudflare.env;
  const config = getConfig(env);
  const waitUntil = (promise: Promise<unknown>) => context.cloudflare.ctx.waitUntil(promise);
  let payments: Promise<PaymentDeps> | undefined;
  return {
    env,
    db: getDb(env),
    config,
    now,
    secureCookies: wantsSecureCookies(request, config),
    waitUntil,
    requestScope: context.cloudflare.ctx,
    payments: () => (payments ??= paymentDeps(env, { waitUntil, now: () => now })),
  };
}
