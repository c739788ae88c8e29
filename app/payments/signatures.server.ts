import { hmacHex, timingSafeEqualText } from "#app/utils/crypto.server";

/**
 * Razorpay's two signatures, both HMAC-SHA256 as lowercase hex, compared in constant time
 * (the official SDK compares with `===`; see docs/decisions/007-razorpay-fetch-client.md).
 */

/** Standard Checkout's `razorpay_signature`: HMAC(key secret, `${order_id}|${payment_id}`). */
export function paymentSignature(keySecret: string, orderId: string, paymentId: string): Promise<string> {
  return hmacHex(keySecret, `${orderId}|${paymentId}`);
}

export async function verifyPaymentSignature(
  keySecret: string,
  args: { orderId: string; paymentId: string; signature: string },
): Promise<boolean> {
  return timingSafeEqualText(await paymentSignature(keySecret, args.orderId, args.paymentId), args.signature);
}

/** `X-Razorpay-Signature`: HMAC(webhook secret, raw request body), over the exact bytes received. */
export function webhookSignature(webhookSecret: string, rawBody: string): Promise<string> {
  return hmacHex(webhookSecret, rawBody);
}

export async function verifyWebhookSignature(webhookSecret: string, rawBody: string, signature: string | null): Promise<boolean> {
  if (!signature) return false;
  return timingSafeEqualText(await webhookSignature(webhookSecret, rawBody), signature);
}
