import { createRequestHandler } from "react-router";
import * as build from "virtual:react-router/server-build";
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

export { ShowtimeSeats } from "./showtime-seats";
export { WaitingRoom } from "./waiting-room";

const handleAppRequest = createRequestHandler(build, import.meta.env.MODE);

// OPTIONS is not safe here: React Router runs its own Origin check on it (we grant no CORS preflights anyway).
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** A state-changing request from another site is refused here, before any route runs (and before React Router's own check throws). */
function isCrossSiteWrite(request: Request): boolean {
  return !SAFE_METHODS.has(request.method) && !isSameOrigin(request);
}

/** Route matching ignores case and decodes the path, so the prefix test must too. */
function isDevPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // undecodable: the router will 404 it; compare it raw
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
    // Independent jobs: a failure in one must not starve the other.
    const results = await Promise.allSettled([runPaymentsCron(env, ctx), enqueueShowReminders(env, controller.scheduledTime)]);
    for (const r of results) if (r.status === "rejected") console.error("scheduled job failed", r.reason);
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
  // React Router compares Origin with the Host header and throws when there is none; the URL always has one.
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
  return handleAppRequest(request, { cloudflare: { env, ctx, cf: request.cf } });
}
