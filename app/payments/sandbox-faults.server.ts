import { sleep, type Chaos } from "#app/utils/chaos.server";

/**
 * Chaos runs' faults in the Razorpay sandbox (ADR 028): between the app's Razorpay client and the
 * sandbox's REST handler, and between the sandbox's webhook outbox and the app's webhook handler.
 * Only ever built from `chaosOf(env)`, which exists only where the sandbox itself may run.
 */
export const GATEWAY_SLOW_MS = 1_500;
export const GATEWAY_TIMEOUT_MS = 2_000;

type Handler = (request: Request) => Promise<Response>;

/** What the call was, for the log: `POST /payments/:id/capture` → `capture`. */
function callName(request: Request): string {
  const parts = new URL(request.url).pathname.replace(/^\/v1\//, "").split("/");
  if (parts[0] === "orders") return request.method === "POST" ? "order" : parts[2] === "payments" ? "order_payments" : "fetch_order";
  if (parts[0] === "payments") return parts[2] === "capture" ? "capture" : parts[2] === "refund" ? "refund" : parts[2] === "refunds" ? "fetch_refund" : "fetch_payment";
  return "other";
}

export function faultyGateway(chaos: Chaos, handle: Handler): Handler {
  return async (request) => {
    const call = callName(request);
    if (chaos.roll("gateway_5xx", call)) {
      const status = [500, 502, 503][Math.floor(Math.random() * 3)] ?? 503;
      return Response.json(
        { error: { code: "SERVER_ERROR", description: "The gateway is having trouble (chaos).", source: "NA", step: "NA", reason: "NA", metadata: {} } },
        { status },
      );
    }
    if (chaos.roll("gateway_timeout", call)) {
      // Half the time the gateway did the work and only the answer was lost: the nasty case.
      if (Math.random() < 0.5) await handle(request.clone() as Request);
      await sleep(GATEWAY_TIMEOUT_MS);
      throw new Error(`The gateway did not answer in time (chaos: ${call}).`);
    }
    if (chaos.roll("gateway_slow", call)) await sleep(GATEWAY_SLOW_MS);
    return handle(request);
  };
}

/** The webhook sender as the outbox calls it: dropped, held back or sent twice, as a run asks. */
export function faultyWebhookDelivery(chaos: Chaos, deliver: Handler): Handler {
  return async (request) => {
    const id = request.headers.get("X-Razorpay-Event-Id") ?? "";
    // Razorpay thinks it was delivered; the app never hears of it.
    if (chaos.roll("webhook_drop", id)) return new Response(null, { status: 204 });
    // Refused now, so the outbox's backoff delivers it later (10 s, then doubling).
    if (chaos.roll("webhook_delay", id)) throw new Error("held back (chaos)");
    if (chaos.roll("webhook_duplicate", id)) {
      const twin = request.clone();
      const [first] = await Promise.all([deliver(request), deliver(twin as Request).catch(() => null)]);
      return first;
    }
    return deliver(request);
  };
}

/** The outbox's due webhooks, last first when the run asks for it (only a batch of two or more can be). */
export function faultyWebhookOrder(chaos: Chaos | null) {
  return <T>(rows: T[]): T[] => (rows.length > 1 && chaos?.roll("webhook_reorder", `${rows.length} events`) ? [...rows].reverse() : rows);
}
