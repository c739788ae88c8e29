import { createRequestHandler } from "react-router";
import * as build from "virtual:react-router/server-build";
import { handleQueue } from "#app/email/consumer.server";
import { enqueueShowReminders } from "#app/email/reminders.server";
import { enqueueOwedConfirmations } from "#app/email/owed.server";
import { runPaymentsCron } from "#app/payments/cron.server";
import { handleHoldRequest } from "./holds";
import { getConfig } from "#app/utils/env.server";
import { edgeRefusal, withSecurityHeaders } from "#app/utils/http.server";
import { withD1Session } from "#app/utils/d1-session.server";
import { wantsSecureCookies } from "#app/utils/context.server";
import { handleLiveSeats } from "./live";
import { handleQueueRequest } from "./queue";
import { handleChaosRequest } from "./chaos";
import { chaosEnv } from "#app/utils/chaos-d1.server";
import { log } from "#app/observability/log.server";
import { runAlertChecks } from "#app/observability/alerts.server";
import { recordPlatformError } from "#app/observability/events.server";
import { setInternalErrorReporter } from "#app/utils/internal-errors.server";
import { AsyncLocalStorage } from "node:async_hooks";

export { ShowtimeSeats } from "./showtime-seats";
export { WaitingRoom } from "./waiting-room";

/** The alert checks' own trigger in wrangler.toml (the five-minute one keeps reconciliation and reminders). */
const EVERY_MINUTE = "* * * * *";

const handleAppRequest = createRequestHandler(build, import.meta.env.MODE);

/** The request being served, so an error reported deep in a handler lands in its own request's events. */
const serving = new AsyncLocalStorage<{ env: Env; ctx: ExecutionContext }>();
setInternalErrorReporter((error, { path }) => {
  const current = serving.getStore();
  if (current) recordPlatformError({ env: current.env, waitUntil: (p) => current.ctx.waitUntil(p) }, error, path);
});

/** Before anything else: the ordered fences (dev tools, cross-site writes, non-production hosts) in `edgeRefusal`. */
function hostGate(request: Request, env: Env): Response | null {
  let config: { APP_ENV: "development" | "test" | "production" };
  try {
    config = getConfig(env);
  } catch {
    // A broken configuration is reported by the route that needs it; meanwhile fence as production does.
    config = { APP_ENV: "production" };
  }
  return edgeRefusal(request, config);
}

export default {
  async fetch(request, workerEnv, ctx) {
    // Chaos runs only: D1 through the fault wrapper (the same env everywhere else, ADR 028).
    const env = chaosEnv(workerEnv);
    // Events of errors go to the real env: a chaos run's D1 faults must not also swallow their record.
    const response = await serving.run({ env: workerEnv, ctx }, () => withD1Session(env.DB, request, { secure: () => wantsSecureCookies(request, getConfig(env)) }, () => serve(request, env, ctx)));
    return withSecurityHeaders(response);
  },
  queue: (batch, env) => handleQueue(batch, chaosEnv(env)),
  async scheduled(controller, workerEnv, ctx) {
    const env = chaosEnv(workerEnv);
    // "* * * * *": alert checks only (they skip themselves unless a room or an incident is open).
    if (controller.cron === EVERY_MINUTE) {
      await runAlertChecks(env, controller.scheduledTime, { everyMinute: true }).catch((error: unknown) => log.error("scheduled.job_failed", { cron: controller.cron, outcome: "failed", error }));
      return;
    }
    // Independent jobs: a failure in one must not starve the others.
    const results = await Promise.allSettled([
      runPaymentsCron(env, ctx),
      enqueueShowReminders(env, controller.scheduledTime),
      enqueueOwedConfirmations(env, controller.scheduledTime),
      runAlertChecks(env, controller.scheduledTime),
    ]);
    for (const r of results) if (r.status === "rejected") log.error("scheduled.job_failed", { cron: controller.cron, outcome: "failed", error: r.reason });
  },
} satisfies ExportedHandler<Env>;

async function serve(request: Request<unknown, IncomingRequestCfProperties>, env: Env, ctx: ExecutionContext): Promise<Response> {
  const gate = hostGate(request, env);
  if (gate) return gate;
  // React Router compares Origin with the Host header and throws when there is none; the URL always has one.
  if (!request.headers.has("Host")) {
    const headers = new Headers(request.headers);
    headers.set("Host", new URL(request.url).host);
    request = new Request(request, { headers }) as typeof request;
  }
  const app = () => handleAppRequest(request, { cloudflare: { env, ctx, cf: request.cf } });
  const chaos = await handleChaosRequest(request, env, app);
  if (chaos) return chaos;
  const hold = handleHoldRequest(request, env, ctx);
  if (hold) return hold;
  const queue = handleQueueRequest(request, env, ctx);
  if (queue) return queue;
  const live = await handleLiveSeats(request, env, ctx);
  if (live) return live;
  return app();
}
