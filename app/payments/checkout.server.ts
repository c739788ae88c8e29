import type { Booking } from "#app/db/schema.server";
import type { PaymentDeps } from "./context.server";
import type { CheckoutSuccess } from "./razorpay-schemas";
import { noteFailure, settlePayment, type SettleOutcome } from "./settle.server";
import { verifyPaymentSignature } from "./signatures.server";

export type CallbackOutcome =
  | { kind: "invalid_signature" }
  | { kind: "wrong_order" }
  | { kind: "razorpay_unavailable" }
  | { kind: "settled"; outcome: SettleOutcome };

/**
 * Standard Checkout's success handler posted back to us. Nothing in the post is trusted until
 * the signature proves Razorpay issued this payment for THIS booking's order; then the payment is
 * read back from Razorpay (status, amount, currency) and settled like any other report of it.
 */
export async function confirmCheckout(deps: PaymentDeps, booking: Booking, posted: CheckoutSuccess): Promise<CallbackOutcome> {
  const orderId = booking.razorpayOrderId;
  // The signature is checked against the order we anchored to the booking, never the posted one,
  // so a genuine response from another order cannot be replayed here.
  if (!orderId || posted.razorpay_order_id !== orderId) return { kind: "wrong_order" };
  const valid = await verifyPaymentSignature(deps.config.keySecret, {
    orderId,
    paymentId: posted.razorpay_payment_id,
    signature: posted.razorpay_signature,
  });
  if (!valid) return { kind: "invalid_signature" };
  const payment = await deps.razorpay.fetchPayment(posted.razorpay_payment_id);
  // Razorpay down: the payment is safe with Razorpay; the webhook or reconciliation settles it.
  if (!payment.ok) return { kind: "razorpay_unavailable" };
  if (payment.value.order_id !== orderId) return { kind: "wrong_order" };
  return { kind: "settled", outcome: await settlePayment(deps, booking.id, payment.value) };
}

/**
 * Checkout reported a failure (or the buyer closed it). The hold stays, so they can try again;
 * the reason is read from Razorpay when there is a payment to read, never taken from the page.
 */
export async function recordCheckoutFailure(deps: PaymentDeps, booking: Booking, paymentId: string | null): Promise<void> {
  if (paymentId && booking.razorpayOrderId) {
    const payment = await deps.razorpay.fetchPayment(paymentId);
    if (payment.ok && payment.value.order_id === booking.razorpayOrderId) {
      await settlePayment(deps, booking.id, payment.value);
      return;
    }
  }
  // Closing the window after a decline keeps the bank's reason, which says more.
  if (!paymentId) await noteFailure(deps, booking.id, "The payment window was closed before paying.", { keepEarlier: true });
}
