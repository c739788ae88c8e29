import { createRequestHandler, type ServerBuild } from "@remix-run/cloudflare";
// @ts-expect-error -- produced by `remix vite:build` (untyped JS); wrangler and the test pool bundle it in.
import * as build from "../build/server";
import { handleQueue } from "#app/email/consumer.server";
import { enqueueShowReminders } from "#app/email/reminders.server";
import { runPaymentsCron } from "#app/payments/cron.server";
import { handleHoldRequest } from "./holds";
import { getConfig } from "#app/utils/env.server";
import { devToolOpen, isSameOrigin, refuseNonProductionHost, withSecurityHeaders } from "#app/utils/http.server";
import { withD1Session } from "#app/utils/d1-session.server";
import { wantsSecureCookies } from "#app/utils/context.server";
import { handleLiveSeats } from "./live";
import { handleQueueRequest } from "./queue";
import { getLoadContext } from "./load-context";
import { forgetAllShowtimeFacts } from "#app/catalogue/showtime-page.server";
import { log } from "#app/observability/log.server";

import { runAlertChecks } from "#app/observability/alerts.server";

export { ShowtimeSeats } from "./showtime-seats";
export { WaitingRoom } from "./waiting-room";

/** The alert checks' own trigger in wrangler.toml (the five-minute one keeps reconciliation and reminders). */
const EVERY_MINUTE = "* * * * *";

const handleRemixRequest = createRequestHandler(build as unknown as ServerBuild);

// OPTIONS is not safe here: Remix runs its own Origin check on it (we grant no CORS preflights anyway).
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** A state-changing request from another site is refused here, before any route runs (and before Remix's own check throws). */
function isCrossSiteWrite(request: Request): boolean {
  return !SAFE_METHODS.has(request.method) && !isSameOrigin(request);
}

/** Route matching ignores case and decodes the path, so the prefix test must too. */
function isDevPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // undecodable: Remix will 404 it; compare it raw
  }
  path = path.toLowerCase().replace(/[/\\]+/g, "/");
  return path === "/dev" || path.startsWith("/dev/");
}

/**
 * Before anything else: a non-production build answers only on loopback, and /dev/* never leaves
 * the dev-tool fence even if a future dev route forgets its own check.
 */
function hostGate(request: Request, env: Env): Response | null {
  let config;
  try {
    config = getConfig(env);
  } catch {
    return null; // a broken configuration is reported by the route that needs it
  }
  const refused = refuseNonProductionHost(request, config);
  if (refused) return refused;
  if (isDevPath(new URL(request.url).pathname) && !devToolOpen(request, config, false)) {
    return new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return null;
}

export default {
  async fetch(request, env, ctx) {
    return withSecurityHeaders(await withD1Session(env.DB, request, { secure: () => wantsSecureCookies(request, getConfig(env)) }, () => serve(request, env, ctx)));
  },
  queue: handleQueue,
  async scheduled(controller, env, ctx) {
    // "* * * * *": alert checks only (they skip themselves unless a room or an incident is open).
    if (controller.cron === EVERY_MINUTE) {
      await runAlertChecks(env, controller.scheduledTime, { everyMinute: true }).catch((error: unknown) => log.error("scheduled.job_failed", { cron: controller.cron, outcome: "failed", error }));
      return;
    }
    // Independent jobs: a failure in one must not starve the others.
    const results = await Promise.allSettled([runPaymentsCron(env, ctx), enqueueShowReminders(env, controller.scheduledTime), runAlertChecks(env, controller.scheduledTime)]);
    for (const r of results) if (r.status === "rejected") log.error("scheduled.job_failed", { cron: controller.cron, outcome: "failed", error: r.reason });
  },
} satisfies ExportedHandler<Env>;

async function serve(request: Request<unknown, IncomingRequestCfProperties>, env: Env, ctx: ExecutionContext): Promise<Response> {
  const gate = hostGate(request, env);
  if (gate) return gate;
  if (isCrossSiteWrite(request)) {
    return new Response("Cross-site form submissions are not accepted. Go back to Marquee and try again.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // Remix compares Origin with the Host header and throws when there is none; the URL always has one.
  if (!request.headers.has("Host")) {
    const headers = new Headers(request.headers);
    headers.set("Host", new URL(request.url).host);
    request = new Request(request, { headers }) as typeof request;
  }
  const hold = handleHoldRequest(request, env, ctx);
  if (hold) return hold;
  const queue = handleQueueRequest(request, env, ctx);
  if (queue) return queue;
  const live = await handleLiveSeats(request, env, ctx);
  if (live) return live;
  const loadContext = getLoadContext({ request, context: { cloudflare: { env, ctx, cf: request.cf } } });
  const response = await handleRemixRequest(request, loadContext);
  // An operator's write (a movie, a cinema, a price, a screen) shows on their next seat page:
  // this isolate's copies of showtime facts go once the write is done, whichever console form made it.
  if (!SAFE_METHODS.has(request.method) && isConsolePath(new URL(request.url).pathname)) forgetAllShowtimeFacts();
  return response;
}

function isConsolePath(pathname: string): boolean {
  const path = pathname.toLowerCase();
  return path === "/admin" || path.startsWith("/admin/");
}
