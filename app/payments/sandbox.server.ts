import { z } from "zod";
import { timingSafeEqualText } from "#app/utils/crypto.server";
import type { RazorpayOrder, RazorpayPayment, RazorpayRefund } from "./razorpay-schemas";
import { paymentSignature, webhookSignature } from "./signatures.server";
import { log } from "#app/observability/log.server";

/**
 * A local stand-in for Razorpay: the REST subset the app uses (Basic auth, Razorpay's error shape,
 * manual capture, idempotent refunds), the payment step of Standard Checkout, and signed webhooks
 * with retries. State lives in its own D1 tables so it survives restarts of `npm start`.
 * See docs/decisions/008-razorpay-sandbox.md.
 */

export type SandboxOptions = {
  db: D1Database;
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  now?: () => number;
};

type Kind = "order" | "payment" | "refund";
type Json = Record<string, unknown>;

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function razorpayId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return `${prefix}_${[...bytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("")}`;
}

function errorResponse(status: number, description: string, code = status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR", field?: string): Response {
  return Response.json(
    { error: { code, description, source: "NA", step: "NA", reason: "NA", metadata: {}, ...(field ? { field } : {}) } },
    { status },
  );
}

const createOrderBody = z.object({
  amount: z.number().int().min(100),
  currency: z.literal("INR"),
  receipt: z.string().max(40).optional(),
  notes: z.record(z.string(), z.string()).optional(),
  payment: z.object({ capture: z.enum(["automatic", "manual"]) }).passthrough().optional(),
  payment_capture: z.union([z.boolean(), z.literal(0), z.literal(1)]).optional(),
});
const captureBody = z.object({ amount: z.number().int().positive(), currency: z.string().length(3) });
const refundBody = z.object({
  amount: z.number().int().positive().optional(),
  speed: z.enum(["normal", "optimum"]).optional(),
  notes: z.record(z.string(), z.string()).optional(),
  receipt: z.string().optional(),
});

export type CheckoutOutcome =
  | { ok: true; response: { razorpay_payment_id: string; razorpay_order_id: string; razorpay_signature: string } }
  | { ok: false; status: number; error: { code: string; description: string; source: string; step: string; reason: string; metadata: { order_id?: string; payment_id?: string } } };

export type RazorpaySandbox = ReturnType<typeof createRazorpaySandbox>;

export function createRazorpaySandbox(options: SandboxOptions) {
  const { db } = options;
  const now = options.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);

  async function get<T>(kind: Kind, id: string): Promise<T | null> {
    const row = await db.prepare("SELECT body FROM razorpay_sandbox_entities WHERE id = ? AND kind = ?").bind(id, kind).first<{ body: string }>();
    return row ? (JSON.parse(row.body) as T) : null;
  }

  async function children<T>(kind: Kind, parentId: string): Promise<T[]> {
    const { results } = await db
      .prepare("SELECT body FROM razorpay_sandbox_entities WHERE parent_id = ? AND kind = ? ORDER BY created_at DESC, rowid DESC")
      .bind(parentId, kind)
      .all<{ body: string }>();
    return results.map((r) => JSON.parse(r.body) as T);
  }

  function insert(kind: Kind, entity: { id: string }, parentId: string | null, idempotencyKey: string | null = null) {
    return db
      .prepare("INSERT INTO razorpay_sandbox_entities (id, kind, parent_id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(entity.id, kind, parentId, idempotencyKey, JSON.stringify(entity), now());
  }

  /** Compare-and-set on the entity's status, so two racing captures cannot both win. */
  async function replaceIf(entity: { id: string }, expectedStatus: string): Promise<boolean> {
    const result = await db
      .prepare("UPDATE razorpay_sandbox_entities SET body = ? WHERE id = ? AND json_extract(body, '$.status') = ?")
      .bind(JSON.stringify(entity), entity.id, expectedStatus)
      .run();
    return result.meta.changes === 1;
  }

  async function emit(event: string, payload: Json) {
    const id = razorpayId("evt");
    const body = JSON.stringify({
      entity: "event",
      account_id: "acc_sandbox",
      event,
      contains: Object.keys(payload),
      payload,
      created_at: seconds(),
    });
    await db
      .prepare("INSERT INTO razorpay_sandbox_webhooks (id, body, attempts, next_attempt_at, created_at) VALUES (?, ?, 0, ?, ?)")
      .bind(id, body, now(), now())
      .run();
  }

  const wrap = (entity: Json) => ({ entity });

  async function markOrderPaid(orderId: string, amount: number): Promise<RazorpayOrder | null> {
    const order = await get<RazorpayOrder>("order", orderId);
    if (!order || order.status === "paid") return order;
    const paid: RazorpayOrder = { ...order, status: "paid", amount_paid: amount, amount_due: Math.max(0, order.amount - amount) };
    return (await replaceIf(paid, order.status)) ? paid : await get<RazorpayOrder>("order", orderId);
  }

  function authorized(request: Request): boolean {
    const header = request.headers.get("Authorization") ?? "";
    const expected = `Basic ${btoa(`${options.keyId}:${options.keySecret}`)}`;
    return timingSafeEqualText(header, expected);
  }

  async function readBody(request: Request): Promise<unknown> {
    try {
      return await request.json();
    } catch {
      return undefined;
    }
  }

  async function createOrder(body: unknown): Promise<Response> {
    const parsed = createOrderBody.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return errorResponse(400, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`, undefined, issue?.path.join("."));
    }
    const input = parsed.data;
    const autoCapture = input.payment ? input.payment.capture === "automatic" : input.payment_capture !== false && input.payment_capture !== 0;
    const order: RazorpayOrder & { sandbox_auto_capture: boolean } = {
      id: razorpayId("order"),
      entity: "order",
      amount: input.amount,
      amount_paid: 0,
      amount_due: input.amount,
      currency: input.currency,
      receipt: input.receipt ?? null,
      status: "created",
      attempts: 0,
      notes: input.notes ?? {},
      created_at: seconds(),
      sandbox_auto_capture: autoCapture,
    };
    await insert("order", order, null).run();
    return Response.json(order);
  }

  async function capture(paymentId: string, body: unknown): Promise<Response> {
    const parsed = captureBody.safeParse(body);
    if (!parsed.success) return errorResponse(400, "The amount and currency to capture are required.");
    const payment = await get<RazorpayPayment>("payment", paymentId);
    if (!payment) return errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
    if (payment.status !== "authorized") {
      return errorResponse(400, payment.status === "captured" ? "This payment has already been captured" : `Only authorized payments can be captured; this one is ${payment.status}`);
    }
    if (parsed.data.amount !== payment.amount) return errorResponse(400, "Capture amount must be equal to the amount authorized", "BAD_REQUEST_ERROR", "amount");
    if (parsed.data.currency !== payment.currency) return errorResponse(400, "Currency does not match the payment currency", "BAD_REQUEST_ERROR", "currency");
    const captured: RazorpayPayment = { ...payment, status: "captured", captured: true };
    if (!(await replaceIf(captured, "authorized"))) return errorResponse(400, "This payment has already been captured");
    const order = payment.order_id ? await markOrderPaid(payment.order_id, payment.amount) : null;
    await emit("payment.captured", { payment: wrap(captured) });
    if (order) await emit("order.paid", { payment: wrap(captured), order: wrap(order) });
    return Response.json(captured);
  }

  async function refund(paymentId: string, body: unknown, idempotencyKey: string | null): Promise<Response> {
    const parsed = refundBody.safeParse(body ?? {});
    if (!parsed.success) return errorResponse(400, "The refund request is invalid.");
    if (idempotencyKey !== null && !/^[A-Za-z0-9_-]{10,}$/.test(idempotencyKey)) {
      return errorResponse(400, "The idempotency key must be at least 10 characters: letters, digits, - and _.");
    }
    const payment = await get<RazorpayPayment>("payment", paymentId);
    if (!payment) return errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
    const amount = parsed.data.amount ?? payment.amount - payment.amount_refunded;
    if (idempotencyKey) {
      const previous = await db
        .prepare("SELECT body FROM razorpay_sandbox_entities WHERE idempotency_key = ?")
        .bind(idempotencyKey)
        .first<{ body: string }>();
      if (previous) {
        const earlier = JSON.parse(previous.body) as RazorpayRefund;
        if (earlier.payment_id !== paymentId || earlier.amount !== amount) {
          return errorResponse(400, "Different request with the same idempotency key has already been processed.");
        }
        return Response.json(earlier);
      }
    }
    if (payment.status !== "captured") return errorResponse(400, "Refunds can be made only on captured payments.");
    if (amount > payment.amount - payment.amount_refunded) {
      return errorResponse(400, "The refund amount provided is greater than amount captured", "BAD_REQUEST_ERROR", "amount");
    }
    const refunded = payment.amount_refunded + amount;
    const updated: RazorpayPayment = {
      ...payment,
      amount_refunded: refunded,
      refund_status: refunded === payment.amount ? "full" : "partial",
      status: refunded === payment.amount ? "refunded" : "captured",
    };
    const entity: RazorpayRefund = {
      id: razorpayId("rfnd"),
      entity: "refund",
      amount,
      currency: payment.currency,
      payment_id: paymentId,
      status: "processed",
      speed_requested: parsed.data.speed ?? "normal",
      notes: parsed.data.notes ?? {},
      created_at: seconds(),
    };
    // One batch: the refund row (unique idempotency key) and the payment's refunded amount, or neither.
    try {
      await db.batch([
        insert("refund", entity, paymentId, idempotencyKey),
        db
          .prepare("UPDATE razorpay_sandbox_entities SET body = ? WHERE id = ? AND json_extract(body, '$.amount_refunded') = ?")
          .bind(JSON.stringify(updated), paymentId, payment.amount_refunded),
      ]);
    } catch {
      // A racing request with the same key got there first: answer what it created.
      return idempotencyKey ? refund(paymentId, body, idempotencyKey) : errorResponse(409, "A refund for this payment is already being processed.", "BAD_REQUEST_ERROR");
    }
    const check = await get<RazorpayPayment>("payment", paymentId);
    if (check?.amount_refunded !== refunded) {
      await db.prepare("DELETE FROM razorpay_sandbox_entities WHERE id = ?").bind(entity.id).run();
      return errorResponse(409, "Another refund for this payment is in progress; retry.", "BAD_REQUEST_ERROR");
    }
    // Razorpay answers "pending" and processes the refund shortly after; the webhook says when.
    await emit("refund.processed", { refund: wrap(entity), payment: wrap(updated) });
    return Response.json({ ...entity, status: "pending" });
  }

  /** The REST API, called in-process with real Request/Response objects. */
  async function handle(request: Request): Promise<Response> {
    if (!authorized(request)) return errorResponse(401, "The api key provided is invalid", "BAD_REQUEST_ERROR");
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/v1\//, "").split("/").map(decodeURIComponent);
    const body = request.method === "POST" ? await readBody(request) : undefined;
    const [resource, id, sub, subId] = parts;
    try {
      if (resource === "orders") {
        if (request.method === "POST" && parts.length === 1) return await createOrder(body);
        if (request.method === "GET" && id && parts.length === 2) {
          const order = await get<RazorpayOrder>("order", id);
          return order ? Response.json(order) : errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
        }
        if (request.method === "GET" && id && sub === "payments" && parts.length === 3) {
          if (!(await get("order", id))) return errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
          const items = await children<RazorpayPayment>("payment", id);
          return Response.json({ entity: "collection", count: items.length, items });
        }
      }
      if (resource === "payments" && id) {
        if (request.method === "GET" && parts.length === 2) {
          const payment = await get<RazorpayPayment>("payment", id);
          return payment ? Response.json(payment) : errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
        }
        if (request.method === "POST" && sub === "capture" && parts.length === 3) return await capture(id, body);
        if (request.method === "POST" && sub === "refund" && parts.length === 3) {
          return await refund(id, body, request.headers.get("X-Refund-Idempotency"));
        }
        if (request.method === "GET" && sub === "refunds" && subId && parts.length === 4) {
          const entity = await get<RazorpayRefund>("refund", subId);
          return entity && entity.payment_id === id ? Response.json(entity) : errorResponse(400, "The id provided does not exist", "BAD_REQUEST_ERROR", "id");
        }
      }
      return errorResponse(404, "The requested URL was not found on the server.", "BAD_REQUEST_ERROR");
    } catch (error) {
      log.error("sandbox.failed", { outcome: "500", error });
      return errorResponse(500, "The sandbox failed to handle this request.");
    }
  }

  /**
   * The payment step of Standard Checkout: the buyer pays (or their bank declines) and the page's
   * handler receives exactly what Razorpay would give it, signed with the key secret.
   */
  async function checkout(args: { keyId: string; orderId: string; outcome: "success" | "failure" }): Promise<CheckoutOutcome> {
    const fail = (status: number, description: string, reason: string, metadata: { order_id?: string; payment_id?: string } = {}): CheckoutOutcome => ({
      ok: false,
      status,
      error: { code: "BAD_REQUEST_ERROR", description, source: "customer", step: "payment_authorization", reason, metadata },
    });
    if (!timingSafeEqualText(args.keyId, options.keyId)) return fail(401, "The api key provided is invalid", "invalid_key");
    const order = await get<RazorpayOrder & { sandbox_auto_capture?: boolean }>("order", args.orderId);
    if (!order) return fail(400, "The id provided does not exist", "invalid_order");
    if (order.status === "paid") return fail(400, "This order has already been paid.", "order_paid", { order_id: order.id });

    const failed = args.outcome === "failure";
    const autoCapture = !failed && order.sandbox_auto_capture === true;
    const payment: RazorpayPayment & Json = {
      id: razorpayId("pay"),
      entity: "payment",
      amount: order.amount,
      currency: order.currency,
      status: failed ? "failed" : autoCapture ? "captured" : "authorized",
      order_id: order.id,
      method: "card",
      captured: autoCapture,
      amount_refunded: 0,
      refund_status: null,
      error_code: failed ? "BAD_REQUEST_ERROR" : null,
      error_description: failed ? "Your payment was declined by the bank (sandbox)." : null,
      error_reason: failed ? "payment_failed" : null,
      // Real Checkout sets a payment's notes from its `notes` option, which the pay page fills with the
      // order's (the booking id); the sandbox's checkout does the same by copying them.
      notes: order.notes,
      description: `Sandbox payment for ${order.receipt ?? order.id}`,
      email: "buyer@example.com",
      contact: "+919000090000",
      created_at: seconds(),
    };
    await insert("payment", payment, order.id).run();
    const attempted: RazorpayOrder = { ...order, status: "attempted", attempts: order.attempts + 1 };
    await replaceIf(attempted, order.status);

    if (failed) {
      await emit("payment.failed", { payment: wrap(payment) });
      return fail(400, payment.error_description ?? "Payment failed", "payment_failed", { order_id: order.id, payment_id: payment.id });
    }
    await emit("payment.authorized", { payment: wrap({ ...payment, status: "authorized", captured: false }) });
    if (autoCapture) {
      const paid = await markOrderPaid(order.id, payment.amount);
      await emit("payment.captured", { payment: wrap(payment) });
      if (paid) await emit("order.paid", { payment: wrap(payment), order: wrap(paid) });
    }
    return {
      ok: true,
      response: {
        razorpay_payment_id: payment.id,
        razorpay_order_id: order.id,
        razorpay_signature: await paymentSignature(options.keySecret, order.id, payment.id),
      },
    };
  }

  /**
   * Sends every due webhook, signed with the webhook secret, to `deliver` (the app's webhook
   * endpoint). A delivery that fails is retried with exponential backoff, as Razorpay does.
   */
  async function deliverWebhooks(
    deliver: (request: Request) => Promise<Response>,
    limit = 25,
    /** The order due events go out in (chaos runs may reorder them); oldest first otherwise. */
    arrange: <T>(rows: T[]) => T[] = (rows) => rows,
  ): Promise<{ delivered: number; failed: number }> {
    const { results: due } = await db
      .prepare(
        "SELECT id, body, attempts FROM razorpay_sandbox_webhooks WHERE delivered_at IS NULL AND attempts < ? AND next_attempt_at <= ? ORDER BY created_at, rowid LIMIT ?",
      )
      .bind(MAX_WEBHOOK_ATTEMPTS, now(), limit)
      .all<{ id: string; body: string; attempts: number }>();
    const results = arrange(due);
    let delivered = 0;
    let failed = 0;
    for (const row of results) {
      // Claim the attempt first, so two flushers never send the same event at the same moment.
      const claim = await db
        .prepare("UPDATE razorpay_sandbox_webhooks SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND delivered_at IS NULL")
        .bind(now() + webhookBackoffMs(row.attempts + 1), row.id, row.attempts)
        .run();
      if (claim.meta.changes !== 1) continue;
      let error: string | null = null;
      try {
        const response = await deliver(
          new Request(WEBHOOK_URL, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "X-Razorpay-Signature": await webhookSignature(options.webhookSecret, row.body),
              "X-Razorpay-Event-Id": row.id,
              "User-Agent": "Razorpay-Webhook/v1 (sandbox)",
            },
            body: row.body,
          }),
        );
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (error === null) {
        delivered++;
        await db.prepare("UPDATE razorpay_sandbox_webhooks SET delivered_at = ?, last_error = NULL WHERE id = ?").bind(now(), row.id).run();
      } else {
        failed++;
        await db.prepare("UPDATE razorpay_sandbox_webhooks SET last_error = ? WHERE id = ?").bind(error.slice(0, 500), row.id).run();
      }
    }
    return { delivered, failed };
  }

  return { keyId: options.keyId, handle, checkout, deliverWebhooks };
}

export const MAX_WEBHOOK_ATTEMPTS = 12;
export const WEBHOOK_URL = "http://localhost/api/razorpay/webhook";

/** 10 s, 20 s, 40 s … capped at an hour: a dozen attempts span about a day, like Razorpay's retries. */
export function webhookBackoffMs(attempt: number): number {
  return Math.min(3600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
}
