import type { AppLoadContext } from "@remix-run/cloudflare";
import { getDb, type Db } from "./db.server";
import { getConfig, type AppConfig } from "./env.server";
import { isLocalhost } from "./http.server";

export type Services = {
  env: Env;
  db: Db;
  config: AppConfig;
  now: number;
  secureCookies: boolean;
  /** Work that may finish after the response (webhook deliveries, refunds' follow-ups). */
  waitUntil: (promise: Promise<unknown>) => void;
};

/** Everything a loader or action needs from the Worker, built from Remix's load context. */
export function services(context: AppLoadContext, request: Request): Services {
  const env = context.cloudflare.env;
  const config = getConfig(env);
  return {
    env,
    db: getDb(env),
    config,
    now: Date.now(),
    secureCookies: !isLocalhost(request) && config.APP_ENV !== "test",
    waitUntil: (promise) => context.cloudflare.ctx.waitUntil(promise),
  };
}
