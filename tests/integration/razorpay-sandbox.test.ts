import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getPaymentConfig } from "#app/payments/config.server";
import { createRazorpayClient, isTransient } from "#app/payments/razorpay.server";
import { webhookBackoffMs } from "#app/payments/sandbox.server";
import { webhookSignature } from "#app/payments/signatures.server";
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
    // Dev tools answer 404 on any host but loopback, before the non-production host fence (dev-gate.test.ts, ADR 027).
    const remote = await exports.default.fetch(new Request("https://marquee.example/dev/razorpay-sandbox/checkout.js"));
    expect(remote.status).toBe(404);
    expect(await remote.text()).not.toContain("window.Razorpay");
  });
});

describe("sandbox webhooks", () => {
  it("signs each event, retries a failed delivery with backoff, and stops once delivered", async () => {
    let clock = Date.now();
    const { deps } = await testPayments({ now: () => clock });
    const order = await deps.razorpay.createOrder({ amount: 10_000, currency: "INR", receipt: "r3", notes: {} });
    if (!order.ok) throw new Error("order failed");
    await deps.sandbox!.checkout({ keyId: deps.config.keyId, orderId: order.value.id, outcome: "failure" });
    const mine = (request: Request) => request.clone().text().then((body) => body.includes(order.value.id));

    const seen: Request[] = [];
    const down = async (request: Request) => {
      if (await mine(request)) seen.push(request);
      return new Response("nope", { status: 503 });
    };
    await deps.sandbox!.deliverWebhooks(down);
    expect(seen).toHaveLength(1);
    const body = await seen[0]!.text();
    expect(JSON.parse(body)).toMatchObject({ event: "payment.failed", payload: { payment: { entity: { order_id: order.value.id, status: "failed" } } } });
    expect(seen[0]!.headers.get("X-Razorpay-Signature")).toBe(await webhookSignature(deps.config.webhookSecret, body));
    expect(seen[0]!.headers.get("X-Razorpay-Event-Id")).toMatch(/^evt_/);

    // Not again before the backoff has passed…
    await deps.sandbox!.deliverWebhooks(down);
    expect(seen).toHaveLength(1);
    // …then again, this time successfully, and never after.
    clock += webhookBackoffMs(1);
    const ok: Request[] = [];
    const up = async (request: Request) => {
      if (await mine(request)) ok.push(request);
      return new Response("ok");
    };
    await deps.sandbox!.deliverWebhooks(up);
    expect(ok).toHaveLength(1);
    clock += 24 * 3600_000;
    await deps.sandbox!.deliverWebhooks(up);
    expect(ok).toHaveLength(1);
  });
});

describe("the Razorpay client", () => {
  it("turns network failures and unreadable answers into transient errors, never exceptions", async () => {
    const client = (fetch: (r: Request) => Promise<Response>) => createRazorpayClient({ keyId: "k", keySecret: "s", baseUrl: "https://api.example/v1", fetch });
    const offline = await client(() => Promise.reject(new TypeError("getaddrinfo ENOTFOUND"))).fetchPayment("pay_1");
    expect(offline).toMatchObject({ ok: false, error: { status: 0, code: "NETWORK_ERROR" } });
    expect(!offline.ok && isTransient(offline.error)).toBe(true);
    const html = await client(async () => new Response("<html>502</html>", { status: 502 })).fetchPayment("pay_1");
    expect(!html.ok && isTransient(html.error)).toBe(true);
    const wrongShape = await client(async () => Response.json({ id: "pay_1" })).fetchPayment("pay_1");
    expect(wrongShape).toMatchObject({ ok: false, error: { code: "BAD_RESPONSE" } });
    const refused = await client(async () => Response.json({ error: { code: "BAD_REQUEST_ERROR", description: "no" } }, { status: 400 })).fetchPayment("pay_1");
    expect(!refused.ok && isTransient(refused.error)).toBe(false);
  });

  it("sends Basic auth and the refund idempotency header", async () => {
    const sent: Request[] = [];
    const client = createRazorpayClient({
      keyId: "rzp_test_k",
      keySecret: "secret",
      baseUrl: "https://api.example/v1",
      fetch: async (r) => {
        sent.push(r);
        return Response.json({ error: { code: "BAD_REQUEST_ERROR", description: "x" } }, { status: 400 });
      },
    });
    await client.refundPayment("pay_1", { amount: 100, idempotencyKey: "rfd_pay_1", notes: {} });
    expect(sent[0]!.headers.get("Authorization")).toBe(`Basic ${btoa("rzp_test_k:secret")}`);
    expect(sent[0]!.headers.get("X-Refund-Idempotency")).toBe("rfd_pay_1");
    expect(new URL(sent[0]!.url).pathname).toBe("/v1/payments/pay_1/refund");
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
