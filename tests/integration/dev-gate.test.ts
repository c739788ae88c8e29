import { env, exports } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { worker } from "#tests/helpers/worker";
import { seedDemoData } from "#tests/helpers/seed";

beforeAll(async () => {
  await seedDemoData();
});

type WorkerRequest = Parameters<typeof worker.fetch>[0];

async function fetchWith(vars: Partial<Record<string, string>>, url: string, init: RequestInit = {}) {
  const request = new Request(url, { ...init, redirect: "manual" }) as WorkerRequest;
  return worker.fetch(request, { ...env, ...vars } as Env, createExecutionContext());
}

const DEV_PATHS = [
  "/dev/mailbox",
  "/dev/mailbox/preview/booking_confirmed",
  "/dev/razorpay-sandbox/checkout.js",
  "/DEV/Mailbox",
  "/%64ev/mailbox",
  "//dev//mailbox",
];

const LIVE_RAZORPAY = { RAZORPAY_KEY_ID: "rzp_live_x", RAZORPAY_KEY_SECRET: "secret", RAZORPAY_WEBHOOK_SECRET: "hook" };

describe("a non-production build on a real hostname", () => {
  it.each(["/", "/login", "/movies/anything"])("refuses to serve %s at all", async (path) => {
    const res = await exports.default.fetch(new Request(`https://marquee.example${path}`));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('APP_ENV = "production"');
  });

  it.each(["/dev/mailbox", "/dev/razorpay-sandbox/checkout.js", "/DEV/Mailbox"])("answers 404 for %s, as the README says (the dev fence comes first)", async (path) => {
    const res = await exports.default.fetch(new Request(`https://marquee.example${path}`));
    expect(res.status).toBe(404);
  });

  it("treats a loopback URL behind a forwarding proxy for a real host as that real host", async () => {
    const res = await exports.default.fetch(new Request("http://localhost/dev/mailbox", { headers: { "X-Forwarded-Host": "marquee.example" } }));
    expect(res.status).toBe(404);
    const page = await exports.default.fetch(new Request("http://localhost/", { headers: { "X-Forwarded-Host": "marquee.example" } }));
    expect(page.status).toBe(503);
    const mailbox = await exports.default.fetch(new Request("http://localhost/dev/mailbox"));
    expect(mailbox.status).toBe(200);
  });
});

describe("a write whose X-Forwarded-Host is not this host answers 403, as docs/api.md says", () => {
  const PROD = { APP_ENV: "production", ...LIVE_RAZORPAY, RESEND_API_KEY: "re_live_key" };
  it.each([
    ["development", {}, "http://localhost"],
    ["production", PROD, "https://marquee.example"],
  ] as const)("in %s mode, with or without an Origin", async (_mode, vars, origin) => {
    const variants: Record<string, string>[] = [
      { "X-Forwarded-Host": "evil.example" },
      { "X-Forwarded-Host": "evil.example", Origin: origin },
      { "X-Forwarded-Host": "evil.example", Origin: "https://evil.example" },
    ];
    for (const headers of variants) {
      const res = await fetchWith(vars, `${origin}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: "email=a%40b.example&password=x",
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain("Cross-site");
    }
  });

  it("a burst of such writes is refused alike, with nothing served", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetchWith({}, "http://localhost/login", { method: "POST", headers: { "X-Forwarded-Host": "marquee.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "a=b" }),
      ),
    );
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([403]));
  });
});

describe("dev routes share one fence: loopback, no provider key, not production", () => {
  it("the local mailbox is gone once a Resend key is set, even on localhost", async () => {
    for (const path of ["/dev/mailbox", "/dev/mailbox/preview/booking_confirmed"]) {
      const res = await fetchWith({ RESEND_API_KEY: "re_live_key" }, `http://localhost${path}`);
      expect(res.status, path).toBe(404);
    }
    const api = await fetchWith({ RESEND_API_KEY: "re_live_key" }, "http://localhost/dev/mailbox/api/emails", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ from: "a@b.example", to: "c@d.example", subject: "x", text: "y" }),
    });
    expect(api.status).toBe(404);
  });

  it("the sandbox is gone once Razorpay keys are set, even on localhost", async () => {
    const res = await fetchWith(LIVE_RAZORPAY, "http://localhost/dev/razorpay-sandbox/checkout.js");
    expect(res.status).toBe(404);
  });

  it.each(DEV_PATHS)("production answers 404 for %s on its own hostname and on localhost", async (path) => {
    const prod = { APP_ENV: "production", ...LIVE_RAZORPAY, RESEND_API_KEY: "re_live_key" };
    for (const origin of ["https://marquee.example", "http://localhost"]) {
      const res = await fetchWith(prod, `${origin}${path}`);
      expect(res.status, `${origin}${path}`).toBe(404);
      expect(await res.text()).not.toContain("Local mailbox");
    }
  });

  it("still serves the mailbox and sandbox to a local developer", async () => {
    expect((await exports.default.fetch(new Request("http://localhost/dev/mailbox"))).status).toBe(200);
    expect((await exports.default.fetch(new Request("http://127.0.0.1:8787/dev/razorpay-sandbox/checkout.js"))).status).toBe(200);
  });
});
