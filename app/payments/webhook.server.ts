import { eq } from "drizzle-orm";
import { webhookEvents } from "#app/db/schema.server";
import { hmacHex } from "#app/utils/crypto.server";
import type { PaymentDeps } from "./context.server";
import { webhookSchema, type RazorpayPayment, type RazorpayWebhook } from "./razorpay-schemas";
import { bookingIdInNotes, salesIn, salesOfBooking, type Sales } from "#app/db/shards.server";
import { applyRefund, openedFrom, openSettlementStatements, settlePayment, type Opened } from "./settle.server";
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
  // One D1 round trip records the event and, for a payment, opens its settlement (issue 30): the
  // payment row is an upsert that never moves backwards, so writing it before knowing whether the
  // event is a duplicate changes nothing a repeat would not.
  const payment = paymentOf(parsed);
  // The event lives with its booking, in the booking's shard (ADR 031): the notes name the booking.
  const hint = bookingIdOf(parsed);
  const sales = hint ? salesOfBooking(deps.env, hint) : salesIn(deps.env, 0);
  const D1 = sales.d1;
  const results = await D1.batch<Record<string, unknown>>([
    D1.prepare("INSERT INTO webhook_events (id, event, payload, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING").bind(eventId, parsed.event, raw, deps.now()),
    D1.prepare("SELECT processed_at FROM webhook_events WHERE id = ?").bind(eventId),
    ...(payment ? openSettlementStatements(deps, sales, hint, payment) : []),
  ]);
  const seen = { processedAt: (results[1]?.results[0]?.processed_at as number | null | undefined) ?? null };
  const opened: Opened | undefined = payment ? openedFrom(results.slice(2)) : undefined;
  // Lag: our receipt minus the provider's event time (created_at, epoch seconds).
  recordEvent(deps, { kind: "webhook.received", detail: parsed.event, reason: seen.processedAt ? "duplicate" : "new", ref: eventId, value: Math.max(0, deps.now() - parsed.created_at * 1000) });
  if (seen.processedAt) return reply(200, { status: "duplicate" });
  deps.waitUntil(
    processWebhook(deps, sales, eventId, parsed, opened).catch((error: unknown) => {
      // Left unprocessed: Razorpay's retry (or reconciliation) settles it later.
      log.error("webhook.failed", { eventId, webhook: parsed.event, outcome: "left_for_retry", error });
    }),
  );
  return reply(200, { status: "accepted" });
}

/** The payment a payment.* or order.paid event reports; null for any other event. */
function paymentOf(webhook: RazorpayWebhook): RazorpayPayment | null {
  if (!PAYMENT_EVENTS.has(webhook.event)) return null;
  const payment = webhook.payload.payment?.entity;
  if (!payment) return null;
  // order.paid names the order beside the payment; a payment without one cannot be ours.
  return payment.order_id ? payment : { ...payment, order_id: webhook.payload.order?.entity.id ?? null };
}

const PAYMENT_EVENTS = new Set(["payment.authorized", "payment.captured", "payment.failed", "order.paid"]);

/** The booking an event's notes name (the payment's, which Checkout copies from the order, or the order's or refund's). */
function bookingIdOf(webhook: RazorpayWebhook): string | null {
  const { payment, order, refund } = webhook.payload;
  return bookingIdInNotes(payment?.entity.notes) ?? bookingIdInNotes(order?.entity.notes) ?? bookingIdInNotes(refund?.entity.notes);
}

/** Settles what the event reports (`opened`: the settlement's first batch, already run by the handler). */
export async function processWebhook(deps: PaymentDeps, sales: Sales, eventId: string, webhook: RazorpayWebhook, opened?: Opened): Promise<void> {
  const payment = paymentOf(webhook);
  const refund = webhook.payload.refund?.entity;
  // The booking is the one the payment's order belongs to: settling finds it in the same batch (or,
  // for an event whose notes name no booking, in whichever shard has that order).
  if (payment) await settlePayment(deps, bookingIdOf(webhook), payment, opened?.booking ? opened : undefined);
  else if ((webhook.event === "refund.processed" || webhook.event === "refund.failed") && refund) await applyRefund(deps, refund).catch(() => undefined);
  // Events we did not subscribe to are acknowledged and ignored.
  await sales.db.update(webhookEvents).set({ processedAt: deps.now() }).where(eq(webhookEvents.id, eventId));
}
