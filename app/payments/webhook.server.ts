import { eq } from "drizzle-orm";
import { webhookEvents } from "#app/db/schema.server";
import { hmacHex } from "#app/utils/crypto.server";
import { getBookingByOrder } from "./bookings.server";
import type { PaymentDeps } from "./context.server";
import { webhookSchema, type RazorpayWebhook } from "./razorpay-schemas";
import { applyRefund, settlePayment } from "./settle.server";
import { verifyWebhookSignature } from "./signatures.server";
import { recordEvent } from "#app/observability/events.server";
import { log } from "#app/observability/log.server";

const MAX_WEBHOOK_BYTES = 256 * 1024;

function reply(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * POST /api/razorpay/webhook. Verifies the signature over the raw bytes, records the event once
 * (X-Razorpay-Event-Id), answers at once and settles in the background: Razorpay retries any
 * webhook that is slow to answer, and settling is idempotent anyway.
 */
export async function handleRazorpayWebhook(request: Request, deps: PaymentDeps): Promise<Response> {
  if (request.method !== "POST") return reply(405, { error: { code: "method_not_allowed", message: "Webhooks are POSTed." } });
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_WEBHOOK_BYTES) {
    return reply(413, { error: { code: "body_too_large", message: "Webhook body too large." } });
  }
  const raw = await request.text();
  if (raw.length > MAX_WEBHOOK_BYTES) return reply(413, { error: { code: "body_too_large", message: "Webhook body too large." } });
  if (!(await verifyWebhookSignature(deps.config.webhookSecret, raw, request.headers.get("X-Razorpay-Signature")))) {
    return reply(400, { error: { code: "invalid_signature", message: "The webhook signature does not match." } });
  }
  let parsed: RazorpayWebhook;
  try {
    const result = webhookSchema.safeParse(JSON.parse(raw));
    if (!result.success) return reply(400, { error: { code: "invalid_payload", message: "Unrecognised webhook payload." } });
    parsed = result.data;
  } catch {
    return reply(400, { error: { code: "invalid_json", message: "The webhook body is not JSON." } });
  }
  const eventId = request.headers.get("X-Razorpay-Event-Id")?.slice(0, 100) || `body_${(await hmacHex("event-id", raw)).slice(0, 32)}`;
  await deps.db
    .insert(webhookEvents)
    .values({ id: eventId, event: parsed.event, payload: raw, receivedAt: deps.now() })
    .onConflictDoNothing();
  const seen = await deps.db.query.webhookEvents.findFirst({ where: eq(webhookEvents.id, eventId) });
  // Lag: our receipt minus the provider's event time (created_at, epoch seconds).
  recordEvent(deps, { kind: "webhook.received", detail: parsed.event, reason: seen?.processedAt ? "duplicate" : "new", ref: eventId, value: Math.max(0, deps.now() - parsed.created_at * 1000) });
  if (seen?.processedAt) return reply(200, { status: "duplicate" });
  deps.waitUntil(
    processWebhook(deps, eventId, parsed).catch((error: unknown) => {
      // Left unprocessed: Razorpay's retry (or reconciliation) settles it later.
      log.error("webhook.failed", { eventId, webhook: parsed.event, outcome: "left_for_retry", error });
    }),
  );
  return reply(200, { status: "accepted" });
}

export async function processWebhook(deps: PaymentDeps, eventId: string, webhook: RazorpayWebhook): Promise<void> {
  const payment = webhook.payload.payment?.entity;
  const refund = webhook.payload.refund?.entity;
  switch (webhook.event) {
    case "payment.authorized":
    case "payment.captured":
    case "payment.failed":
    case "order.paid": {
      const orderId = payment?.order_id ?? webhook.payload.order?.entity.id;
      const booking = orderId ? await getBookingByOrder(deps.db, orderId) : undefined;
      if (payment && booking) await settlePayment(deps, booking.id, payment);
      break;
    }
    case "refund.processed":
    case "refund.failed":
      if (refund) await applyRefund(deps, refund).catch(() => undefined);
      break;
    default:
      // Events we did not subscribe to are acknowledged and ignored.
      break;
  }
  await deps.db.update(webhookEvents).set({ processedAt: deps.now() }).where(eq(webhookEvents.id, eventId));
}
