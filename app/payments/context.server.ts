import { chaosOf } from "#app/utils/chaos.server";
import { getDb, type Db } from "#app/utils/db.server";
import { getConfig } from "#app/utils/env.server";
import { getPaymentConfig, type PaymentConfig } from "./config.server";
import { createRazorpayClient, type RazorpayClient } from "./razorpay.server";
import { createRazorpaySandbox, type RazorpaySandbox } from "./sandbox.server";
import { faultyGateway, faultyWebhookDelivery, faultyWebhookOrder } from "./sandbox-faults.server";
import { handleRazorpayWebhook } from "./webhook.server";

/** Everything the payment code needs, built once per request (or cron run) from the Worker's env. */
export type PaymentDeps = {
  env: Env;
  db: Db;
  config: PaymentConfig;
  razorpay: RazorpayClient;
  /** Present only in sandbox mode. */
  sandbox: RazorpaySandbox | null;
  holdTtlMs: number;
  /** How long past a hold's expiry reconciliation waits before asking Razorpay (RECONCILE_GRACE_SECONDS). */
  reconcileGraceMs: number;
  now: () => number;
  waitUntil: (promise: Promise<unknown>) => void;
};

/** Wraps the outbound fetch (tests use it to make Razorpay slow, down or wrong). */
export type FetchMiddleware = (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;

export async function paymentDeps(
  env: Env,
  options: { waitUntil: (promise: Promise<unknown>) => void; fetch?: FetchMiddleware; now?: () => number },
): Promise<PaymentDeps> {
  const config = await getPaymentConfig(env);
  const now = options.now ?? Date.now;
  const sandbox =
    config.mode === "sandbox"
      ? createRazorpaySandbox({ db: env.DB, keyId: config.keyId, keySecret: config.keySecret, webhookSecret: config.webhookSecret, now })
      : null;
  // Chaos runs only (ADR 028): the sandbox misbehaves as a run's settings ask; null everywhere else.
  const chaos = sandbox ? chaosOf(env) : null;
  const handle = sandbox && chaos ? faultyGateway(chaos, sandbox.handle) : sandbox?.handle;
  const base: (request: Request) => Promise<Response> = handle
    ? async (request) => {
        const response = await handle(request);
        deps.waitUntil(flushSandboxWebhooks(deps));
        return response;
      }
    : (request) => fetch(request);
  const middleware = options.fetch;
  const deps: PaymentDeps = {
    env,
    db: getDb(env),
    config,
    sandbox,
    razorpay: createRazorpayClient({
      keyId: config.keyId,
      keySecret: config.keySecret,
      baseUrl: config.apiBaseUrl,
      fetch: middleware ? (request) => middleware(request, base) : base,
    }),
    holdTtlMs: getConfig(env).HOLD_TTL_SECONDS * 1000,
    reconcileGraceMs: getConfig(env).RECONCILE_GRACE_SECONDS * 1000,
    now,
    waitUntil: options.waitUntil,
  };
  return deps;
}

/**
 * In development the sandbox sends its webhooks right away, to the same handler Razorpay's would
 * reach. Tests flush them explicitly (deliverSandboxWebhooks) so each one decides the order.
 */
async function flushSandboxWebhooks(deps: PaymentDeps): Promise<void> {
  if (getConfig(deps.env).APP_ENV !== "development") return;
  await deliverSandboxWebhooks(deps);
}

export async function deliverSandboxWebhooks(deps: PaymentDeps) {
  if (!deps.sandbox) return { delivered: 0, failed: 0 };
  const deliver = (request: Request) => handleRazorpayWebhook(request, deps);
  const chaos = chaosOf(deps.env);
  if (!chaos) return deps.sandbox.deliverWebhooks(deliver);
  return deps.sandbox.deliverWebhooks(faultyWebhookDelivery(chaos, deliver), undefined, faultyWebhookOrder(chaos));
}
