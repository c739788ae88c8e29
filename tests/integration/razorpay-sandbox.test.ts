import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getPaymentConfig } from "#app/payments/config.server";
import { createRazorpayClient } from "#app/payments/razorpay.server";
import { testPayments } from "#tests/helpers/payments";
import { TestBrowser } from "#tests/helpers/browser";

describe("the local Razorpay sandbox", () => {
  it("speaks Razorpay's REST API: Basic auth, error shape, manual capture", async () => {
    const { deps } = await testPayments();
    const sandbox = deps.sandbox!;
    const wrongKey = createRazorpayClient({ keyId: deps.config.keyId, keySecret: "nope", baseUrl: deps.config.apiBaseUrl, fetch: sandbox.handle });
    expect(await wrongKey.fetchOrder("order_x")).toMatchObject({ ok: false, error: { status: 401, code: "BAD_REQUEST_ERROR" } });

    const order = await deps.razorpay.createOrder({ amount: 50_000, currency: "INR", receipt: "r1", notes: { a: "b" } });
    expect(order).toMatchObject({ ok: true, value: { entity: "order", amount: 50_000, amount_due: 50_000, status: "created", receipt: "r1" } });
    if (!order.ok) return;
    expect(await deps.razorpay.fetchPayment("pay_missing000000")).toMatchObject({ ok: false, error: { status: 400, code: "BAD_REQUEST_ERROR" } });

    const paid = await sandbox.checkout({ keyId: deps.config.keyId, orderId: order.value.id, outcome: "success" });
    if (!paid.ok) throw new Error("checkout failed");
    const payments = await deps.razorpay.orderPayments(order.value.id);
    expect(payments).toMatchObject({ ok: true, value: [{ id: paid.response.razorpay_payment_id, status: "authorized", captured: false }] });

    const id = paid.response.razorpay_payment_id;
    expect(await deps.razorpay.capturePayment(id, 100, "INR")).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await deps.razorpay.refundPayment(id, { amount: 50_000, idempotencyKey: "key-0000000001", notes: {} })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await deps.razorpay.capturePayment(id, 50_000, "INR")).toMatchObject({ ok: true, value: { status: "captured" } });
    expect(await deps.razorpay.capturePayment(id, 50_000, "INR")).toMatchObject({ ok: false, error: { description: "This payment has already been captured" } });
    expect(await deps.razorpay.fetchOrder(order.value.id)).toMatchObject({ ok: true, value: { status: "paid", amount_paid: 50_000 } });
  });

  it("refunds once per idempotency key, and refuses a different request under the same key", async () => {
    const { deps } = await testPayments();
    const order = await deps.razorpay.createOrder({ amount: 20_000, currency: "INR", receipt: "r2", notes: {} });
    if (!order.ok) throw new Error("order failed");
    const paid = await deps.sandbox!.checkout({ keyId: deps.config.keyId, orderId: order.value.id, outcome: "success" });
    if (!paid.ok) throw new Error("checkout failed");
    const id = paid.response.razorpay_payment_id;
    await deps.razorpay.capturePayment(id, 20_000, "INR");
    const input = { amount: 5_000, idempotencyKey: "rfd_test_key_1", notes: {} };
    const [a, b] = await Promise.all([deps.razorpay.refundPayment(id, input), deps.razorpay.refundPayment(id, input)]);
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    expect(await deps.razorpay.refundPayment(id, { ...input, amount: 6_000 })).toMatchObject({ ok: false, error: { description: expect.stringContaining("same idempotency key") } });
    expect(await deps.razorpay.fetchPayment(id)).toMatchObject({ ok: true, value: { amount_refunded: 5_000, refund_status: "partial", status: "captured" } });
  });

  it("serves checkout.js and the pay step only locally", async () => {
    const local = await new TestBrowser().get("/dev/razorpay-sandbox/checkout.js");
    expect(local.status).toBe(200);
    expect(local.headers.get("Content-Type")).toContain("javascript");
    expect(await local.text()).toContain("window.Razorpay");
    const { exports } = await import("cloudflare:workers");
    const remote = await exports.default.fetch(new Request("https://marquee.example/dev/razorpay-sandbox/checkout.js"));
    expect(remote.status).toBe(404);
  });
});

describe("payment configuration", () => {
  const base = { ...env } as unknown as Env;
  const with_ = (vars: Record<string, string | undefined>) => Object.assign(Object.create(null), base, vars) as Env;

  it("uses the sandbox only in development/test, with RAZORPAY_SANDBOX=on and no keys", async () => {
    expect((await getPaymentConfig(with_({}))).mode).toBe("sandbox");
    await expect(getPaymentConfig(with_({ APP_ENV: "production" }))).rejects.toThrow(/Razorpay keys are missing/);
    await expect(getPaymentConfig(with_({ RAZORPAY_SANDBOX: undefined }))).rejects.toThrow(/Razorpay keys are missing/);
    // An unknown APP_ENV counts as production.
    await expect(getPaymentConfig(with_({ APP_ENV: "staging" }))).rejects.toThrow(/Razorpay keys are missing/);
  });

  it("talks to the real Razorpay when all three keys are set, and refuses a partial set", async () => {
    const live = await getPaymentConfig(with_({ APP_ENV: "production", RAZORPAY_KEY_ID: "rzp_live_x", RAZORPAY_KEY_SECRET: "s", RAZORPAY_WEBHOOK_SECRET: "w" }));
    expect(live).toMatchObject({ mode: "live", apiBaseUrl: "https://api.razorpay.com/v1", checkoutScriptUrl: "https://checkout.razorpay.com/v1/checkout.js" });
    await expect(getPaymentConfig(with_({ RAZORPAY_KEY_ID: "rzp_test_x" }))).rejects.toThrow(/all of/);
  });
});
