import { createRequestHandler, type ServerBuild } from "@remix-run/cloudflare";
// @ts-expect-error -- produced by `remix vite:build` (untyped JS); wrangler and the test pool bundle it in.
import * as build from "../build/server";
import { handleQueue } from "#app/email/consumer.server";
import { enqueueShowReminders } from "#app/email/reminders.server";
import { runPaymentsCron } from "#app/payments/cron.server";
import { handleLiveSeats } from "./live";
import { getLoadContext } from "./load-context";
import { isSameOrigin } from "#app/utils/http.server";

export { ShowtimeSeats } from "./showtime-seats";

const handleRemixRequest = createRequestHandler(build as unknown as ServerBuild);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A state-changing request from another site is refused here, before any route runs. */
function isCrossSiteWrite(request: Request): boolean {
  return !SAFE_METHODS.has(request.method) && !isSameOrigin(request);
}

export default {
  async fetch(request, env, ctx) {
    if (isCrossSiteWrite(request)) {
      return new Response("Cross-site form submissions are not accepted. Go back to Marquee and try again.", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const live = await handleLiveSeats(request, env, ctx);
    if (live) return live;
    const loadContext = getLoadContext({ request, context: { cloudflare: { env, ctx, cf: request.cf } } });
    return handleRemixRequest(request, loadContext);
  },
  queue: handleQueue,
  async scheduled(controller, env, ctx) {
    // Independent jobs: a failure in one must not starve the other.
    const results = await Promise.allSettled([runPaymentsCron(env, ctx), enqueueShowReminders(env, controller.scheduledTime)]);
    for (const r of results) if (r.status === "rejected") console.error("scheduled job failed", r.reason);
  },
} satisfies ExportedHandler<Env>;
