import { describe, expect, it } from "vitest";
import { paymentSignature, verifyPaymentSignature, verifyWebhookSignature, webhookSignature } from "./signatures.server";

// The official SDK's helpers are the oracle: our WebCrypto verification must agree with them.
import razorpayUtils from "razorpay/dist/utils/razorpay-utils";

type Utils = {
  validatePaymentVerification(params: { order_id: string; payment_id: string }, signature: string, secret: string): boolean;
  validateWebhookSignature(body: string, signature: string, secret: string): boolean;
};
const oracle = razorpayUtils as unknown as Utils;

const vectors = [
  { orderId: "order_IluGWxBm9U8zJ8", paymentId: "pay_IluGxZSNZP7LQm", secret: "EnLs21M47BllR3X8PSFtjtbd" },
  { orderId: "order_0000000000000", paymentId: "pay_ZZZZZZZZZZZZZZ", secret: "ünïcødé secret ✓" },
];
const bodies = ['{"entity":"event","event":"payment.captured"}', '{"a":"₹ 250","b":[1,2,3]}\n', ""];

describe("Razorpay signatures", () => {
  it("agree with the official SDK on payment signatures", async () => {
    for (const v of vectors) {
      const ours = await paymentSignature(v.secret, v.orderId, v.paymentId);
      expect(oracle.validatePaymentVerification({ order_id: v.orderId, payment_id: v.paymentId }, ours, v.secret)).toBe(true);
      expect(await verifyPaymentSignature(v.secret, { orderId: v.orderId, paymentId: v.paymentId, signature: ours })).toBe(true);
      const tampered = ours.slice(0, -1) + (ours.endsWith("0") ? "1" : "0");
      expect(oracle.validatePaymentVerification({ order_id: v.orderId, payment_id: v.paymentId }, tampered, v.secret)).toBe(false);
      expect(await verifyPaymentSignature(v.secret, { orderId: v.orderId, paymentId: v.paymentId, signature: tampered })).toBe(false);
      expect(await verifyPaymentSignature(v.secret, { orderId: v.orderId, paymentId: "pay_other", signature: ours })).toBe(false);
    }
  });

  it("agree with the official SDK on webhook signatures over the raw body", async () => {
    for (const body of bodies) {
      const secret = "whsec_test_12345";
      const ours = await webhookSignature(secret, body);
      expect(oracle.validateWebhookSignature(body, ours, secret)).toBe(true);
      expect(await verifyWebhookSignature(secret, body, ours)).toBe(true);
      expect(await verifyWebhookSignature(secret, body + " ", ours)).toBe(false);
      expect(await verifyWebhookSignature("other", body, ours)).toBe(false);
      expect(await verifyWebhookSignature(secret, body, null)).toBe(false);
      expect(await verifyWebhookSignature(secret, body, ours.toUpperCase())).toBe(false);
    }
  });
});
