import { type z } from "zod";
import {
  collectionSchema,
  errorBodySchema,
  orderSchema,
  paymentSchema,
  refundSchema,
  type RazorpayErrorBody,
  type RazorpayOrder,
  type RazorpayPayment,
  type RazorpayRefund,
} from "./razorpay-schemas";

/**
 * A small typed client for the part of Razorpay's REST API we use. It takes a `fetch`, so the
 * same code talks to api.razorpay.com or, in-process, to the local sandbox
 * (docs/decisions/007-razorpay-fetch-client.md).
 */

export type RazorpayError = {
  /** HTTP status; 0 when Razorpay could not be reached or answered something unreadable. */
  status: number;
  code: string;
  description: string;
  reason?: string | null;
};

export type RazorpayResult<T> = { ok: true; value: T } | { ok: false; error: RazorpayError };

export type RazorpayClientOptions = {
  keyId: string;
  keySecret: string;
  /** e.g. https://api.razorpay.com/v1 */
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
};

export type CreateOrderInput = {
  amount: number;
  currency: "INR";
  receipt: string;
  notes: Record<string, string>;
};

export type RazorpayClient = ReturnType<typeof createRazorpayClient>;

export function createRazorpayClient(options: RazorpayClientOptions) {
  const auth = `Basic ${btoa(`${options.keyId}:${options.keySecret}`)}`;

  async function call<T extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    schema: T,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RazorpayResult<z.output<T>>> {
    const request = new Request(`${options.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: auth,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let response: Response;
    try {
      response = await options.fetch(request);
    } catch (error) {
      return { ok: false, error: { status: 0, code: "NETWORK_ERROR", description: error instanceof Error ? error.message : String(error) } };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { ok: false, error: { status: response.status || 0, code: "BAD_RESPONSE", description: "Razorpay answered with something that is not JSON." } };
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      const e: RazorpayErrorBody["error"] | undefined = parsed.success ? parsed.data.error : undefined;
      return {
        ok: false,
        error: { status: response.status, code: e?.code ?? "SERVER_ERROR", description: e?.description ?? `HTTP ${response.status}`, reason: e?.reason ?? null },
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, error: { status: 0, code: "BAD_RESPONSE", description: `Unexpected Razorpay response: ${parsed.error.issues[0]?.message ?? "invalid"}` } };
    }
    return { ok: true, value: parsed.data };
  }

  return {
    keyId: options.keyId,

    /** Orders capture manually: we capture only once the seats are ours (ADR 009). */
    createOrder(input: CreateOrderInput): Promise<RazorpayResult<RazorpayOrder>> {
      return call("POST", "/orders", orderSchema, {
        ...input,
        payment: { capture: "manual", capture_options: { manual_expiry_period: 7200, refund_speed: "normal" } },
      });
    },

    fetchOrder(orderId: string): Promise<RazorpayResult<RazorpayOrder>> {
      return call("GET", `/orders/${encodeURIComponent(orderId)}`, orderSchema);
    },

    async orderPayments(orderId: string): Promise<RazorpayResult<RazorpayPayment[]>> {
      const result = await call("GET", `/orders/${encodeURIComponent(orderId)}/payments`, collectionSchema(paymentSchema));
      return result.ok ? { ok: true, value: result.value.items } : result;
    },

    fetchPayment(paymentId: string): Promise<RazorpayResult<RazorpayPayment>> {
      return call("GET", `/payments/${encodeURIComponent(paymentId)}`, paymentSchema);
    },

    capturePayment(paymentId: string, amount: number, currency: string): Promise<RazorpayResult<RazorpayPayment>> {
      return call("POST", `/payments/${encodeURIComponent(paymentId)}/capture`, paymentSchema, { amount, currency });
    },

    /**
     * Refunds with Razorpay's idempotency header: a retry with the same key (ours: the refunds row
     * id) returns the first refund instead of paying out twice.
     */
    refundPayment(
      paymentId: string,
      input: { amount: number; idempotencyKey: string; notes: Record<string, string> },
    ): Promise<RazorpayResult<RazorpayRefund>> {
      return call(
        "POST",
        `/payments/${encodeURIComponent(paymentId)}/refund`,
        refundSchema,
        { amount: input.amount, speed: "normal", notes: input.notes },
        { "X-Refund-Idempotency": input.idempotencyKey },
      );
    },

    fetchRefund(paymentId: string, refundId: string): Promise<RazorpayResult<RazorpayRefund>> {
      return call("GET", `/payments/${encodeURIComponent(paymentId)}/refunds/${encodeURIComponent(refundId)}`, refundSchema);
    },
  };
}

/** Errors worth retrying later (Razorpay down, slow or confused) as opposed to a definite "no". */
export function isTransient(error: RazorpayError): boolean {
  return error.status === 0 || error.status === 409 || error.status === 429 || error.status >= 500;
}
