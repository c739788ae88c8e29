import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { worker } from "#tests/helpers/worker";
import { chaosEnv, ChaosD1Error } from "#app/utils/chaos-d1.server";
import { chaosOf, parseFaultRates } from "#app/utils/chaos.server";
import { faultyGateway, faultyWebhookDelivery, faultyWebhookOrder } from "#app/payments/sandbox-faults.server";
import { expectConsoleError } from "#tests/helpers/console";

/** A copy of the test env with other settings: each copy is a new object, so nothing cached leaks between them. */
const withVars = (vars: Record<string, string>) => ({ ...env, DB: env.DB, ...vars }) as Env;

describe("chaos fault switches (ADR 028)", () => {
  it("reads kinds and rates from one setting, and refuses what it does not know", () => {
    expect(parseFaultRates("gateway_5xx=0.1, d1_error=0.01,")).toEqual({ gateway_5xx: 0.1, d1_error: 0.01 });
    expect(() => parseFaultRates("gateway_500=0.1")).toThrow(/unknown fault kind/);
    expect(() => parseFaultRates("gateway_5xx=2")).toThrow(/between 0 and 1/);
  });

  it("is off without the setting, and refused in production or with a provider key, like the sandbox", () => {
    expect(chaosOf(withVars({ CHAOS: "" }))).toBeNull();
    expect(chaosOf(withVars({ CHAOS: "gateway_5xx=1" }))?.rates).toEqual({ gateway_5xx: 1 });
    expectConsoleError(/CHAOS is set but refused/);
    expect(chaosOf(withVars({ CHAOS: "gateway_5xx=1", APP_ENV: "production" }))).toBeNull();
    expect(chaosOf(withVars({ CHAOS: "gateway_5xx=1", RESEND_API_KEY: "re_live_key" }))).toBeNull();
    expect(chaosOf(withVars({ CHAOS: "gateway_5xx=1", RAZORPAY_SANDBOX: "" }))).toBeNull();
  });

  it("leaves the env untouched unless D1 faults are asked for; then statements and batches fail before they run", async () => {
    const quiet = withVars({ CHAOS: "gateway_5xx=0.5" });
    expect(chaosEnv(quiet)).toBe(quiet);
    const plain = withVars({ CHAOS: "" });
    expect(chaosEnv(plain)).toBe(plain);

    const broken = chaosEnv(withVars({ CHAOS: "d1_error=1" }));
    expect(broken.DB).not.toBe(env.DB);
    await expect(broken.DB.prepare("SELECT 1 AS one").first()).rejects.toBeInstanceOf(ChaosD1Error);
    await expect(broken.DB.batch([broken.DB.prepare("SELECT 1")])).rejects.toThrow(/Network connection lost/);
    await expect(broken.DB.withSession("first-primary").prepare("SELECT 1").bind().all()).rejects.toBeInstanceOf(ChaosD1Error);

    // At rate 0 the wrapper is transparent: statements and batches reach the real database.
    const open = chaosEnv(withVars({ CHAOS: "d1_error=0.000001" }));
    expect(await open.DB.prepare("SELECT ?1 AS v").bind(7).first("v")).toBe(7);
    const [a, b] = await open.DB.batch<{ v: number }>([open.DB.prepare("SELECT 1 AS v"), open.DB.prepare("SELECT 2 AS v")]);
    expect([a?.results[0]?.v, b?.results[0]?.v]).toEqual([1, 2]);
  });

  it("the gateway stand-in answers 5xx without doing the work, or does it and loses the answer", async () => {
    let calls = 0;
    const handle = async () => {
      calls++;
      return Response.json({ ok: true });
    };
    const down = faultyGateway(chaosOf(withVars({ CHAOS: "gateway_5xx=1" }))!, handle);
    const res = await down(new Request("https://razorpay-sandbox.invalid/v1/payments/pay_1/capture", { method: "POST", body: "{}" }));
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(calls).toBe(0);
  });

  it("webhooks can be dropped (the gateway thinks they went), held back, doubled or reordered", async () => {
    let delivered = 0;
    const deliver = async () => {
      delivered++;
      return new Response("ok");
    };
    const hook = () => new Request("http://localhost/api/razorpay/webhook", { method: "POST", body: "{}", headers: { "X-Razorpay-Event-Id": "evt_1" } });
    expect((await faultyWebhookDelivery(chaosOf(withVars({ CHAOS: "webhook_drop=1" }))!, deliver)(hook())).ok).toBe(true);
    expect(delivered).toBe(0);
    await expect(faultyWebhookDelivery(chaosOf(withVars({ CHAOS: "webhook_delay=1" }))!, deliver)(hook())).rejects.toThrow(/held back/);
    expect(delivered).toBe(0);
    await faultyWebhookDelivery(chaosOf(withVars({ CHAOS: "webhook_duplicate=1" }))!, deliver)(hook());
    expect(delivered).toBe(2);
    expect(faultyWebhookOrder(chaosOf(withVars({ CHAOS: "webhook_reorder=1" })))([1, 2, 3])).toEqual([3, 2, 1]);
    expect(faultyWebhookOrder(null)([1, 2, 3])).toEqual([1, 2, 3]);
  });

  it("the runner's endpoints answer only where the stand-ins run: a seat object's answer on loopback, 404 with keys or in production", async () => {
    type WorkerRequest = Parameters<typeof worker.fetch>[0];
    const get = (vars: Record<string, string>, url: string) =>
      worker.fetch(new Request(url) as WorkerRequest, withVars({ CHAOS: "", ...vars }), createExecutionContext());
    const local = await get({}, "http://localhost/dev/chaos/seats/st-no-such-show");
    expect(local.status).toBe(200);
    expect(await local.json()).toMatchObject({ seats: {}, holds: [] });
    expect((await get({ RAZORPAY_KEY_ID: "rzp_live_x", RAZORPAY_KEY_SECRET: "s", RAZORPAY_WEBHOOK_SECRET: "h" }, "http://localhost/dev/chaos/seats/st-x")).status).toBe(404);
    expect((await get({ APP_ENV: "production" }, "https://marquee.example/dev/chaos/seats/st-x")).status).toBe(404);
  });
});
