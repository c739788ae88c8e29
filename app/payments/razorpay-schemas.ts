import { z } from "zod";

/**
 * The subset of Razorpay's entities the app reads, validated at the edge. Unknown fields pass
 * through untouched (Razorpay adds fields without notice); the ones we act on must be right.
 */
export const orderSchema = z.object({
  id: z.string().min(1),
  entity: z.literal("order"),
  amount: z.number().int().nonnegative(),
  amount_paid: z.number().int().nonnegative(),
  amount_due: z.number().int().nonnegative(),
  currency: z.string().length(3),
  receipt: z.string().nullable(),
  status: z.enum(["created", "attempted", "paid"]),
  attempts: z.number().int().nonnegative(),
  notes: z.union([z.record(z.string(), z.string()), z.array(z.never())]),
  created_at: z.number().int(),
});
export type RazorpayOrder = z.output<typeof orderSchema>;

export const PAYMENT_STATUSES = ["created", "authorized", "captured", "refunded", "failed"] as const;

export const paymentSchema = z.object({
  id: z.string().min(1),
  entity: z.literal("payment"),
  amount: z.number().int().nonnegative(),
  currency: z.string().length(3),
  status: z.enum(PAYMENT_STATUSES),
  order_id: z.string().nullable(),
  method: z.string().nullable().optional(),
  captured: z.boolean(),
  amount_refunded: z.number().int().nonnegative(),
  refund_status: z.enum(["partial", "full"]).nullable(),
  error_code: z.string().nullable().optional(),
  error_description: z.string().nullable().optional(),
  error_reason: z.string().nullable().optional(),
  /** Checkout's `notes` (we pass the booking id there too, so a payment webhook names its shard). */
  notes: z.union([z.record(z.string(), z.string()), z.array(z.never())]).optional(),
  created_at: z.number().int(),
});
export type RazorpayPayment = z.output<typeof paymentSchema>;

export const refundSchema = z.object({
  id: z.string().min(1),
  entity: z.literal("refund"),
  amount: z.number().int().nonnegative(),
  currency: z.string().length(3),
  payment_id: z.string().min(1),
  status: z.enum(["pending", "processed", "failed"]),
  speed_requested: z.string().nullable().optional(),
  notes: z.union([z.record(z.string(), z.string()), z.array(z.never())]),
  created_at: z.number().int(),
});
export type RazorpayRefund = z.output<typeof refundSchema>;

export const collectionSchema = <T extends z.ZodType>(item: T) =>
  z.object({ entity: z.literal("collection"), count: z.number().int(), items: z.array(item) });

/** Razorpay's error body, for every 4xx/5xx. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    description: z.string(),
    source: z.string().nullable().optional(),
    step: z.string().nullable().optional(),
    reason: z.string().nullable().optional(),
    field: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type RazorpayErrorBody = z.output<typeof errorBodySchema>;

export const WEBHOOK_EVENTS = [
  "payment.authorized",
  "payment.captured",
  "payment.failed",
  "order.paid",
  "refund.processed",
  "refund.failed",
] as const;

/** A webhook body: only the events we handle are parsed further; others are acknowledged and ignored. */
export const webhookSchema = z.object({
  entity: z.literal("event"),
  account_id: z.string().optional(),
  event: z.string(),
  contains: z.array(z.string()).optional(),
  payload: z.object({
    payment: z.object({ entity: paymentSchema }).optional(),
    order: z.object({ entity: orderSchema }).optional(),
    refund: z.object({ entity: refundSchema }).optional(),
  }),
  created_at: z.number().int(),
});
export type RazorpayWebhook = z.output<typeof webhookSchema>;

/** What Standard Checkout's `handler` receives and our page posts back. */
export const checkoutSuccessSchema = z.object({
  razorpay_payment_id: z.string().regex(/^pay_[A-Za-z0-9]{6,40}$/, "That payment id isn't valid."),
  razorpay_order_id: z.string().regex(/^order_[A-Za-z0-9]{6,40}$/, "That order id isn't valid."),
  razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/, "That payment signature isn't valid."),
});
export type CheckoutSuccess = z.output<typeof checkoutSuccessSchema>;
