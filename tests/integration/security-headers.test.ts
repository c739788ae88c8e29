import { env, exports } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { worker } from "#tests/helpers/worker";
import { TestBrowser } from "#tests/helpers/browser";
import { bookedShowtimeWithAccounts } from "#tests/helpers/fixtures";

let showtimeId = "";
let bookingId = "";
let admin: TestBrowser;
let customer: TestBrowser;

beforeAll(async () => {
  const fixture = await bookedShowtimeWithAccounts();
  showtimeId = fixture.showtimeId;
  bookingId = fixture.bookingId;
  admin = fixture.admin;
  customer = fixture.customer;
});

function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

function expectPagePolicy(res: Response, html: string) {
  const csp = directives(res.headers.get("Content-Security-Policy"));
  const script = csp.get("script-src") ?? [];
  const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, "script-src carries a nonce").toMatch(/^[A-Za-z0-9_-]{16,}$/);
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  // Every script the page ships (Remix's inline context and module loader) carries this response's nonce.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  return { csp, nonce: nonce! };
}

describe("security headers", () => {
  it.each([
    ["home", () => new TestBrowser(), "/"],
    ["movie page", () => new TestBrowser(), "/movies/monsoon-express"],
    ["seat map", () => customer, () => `/showtimes/${showtimeId}`],
    ["login form", () => new TestBrowser(), "/login"],
    ["booking (customer)", () => customer, () => `/bookings/${bookingId}`],
    ["operator console", () => admin, "/admin/showtimes"],
    ["not found page", () => new TestBrowser(), "/no/such/page"],
    ["400 error page", () => new TestBrowser(), "/movies/monsoon-express?date=2026-02-30"],
    ["local mailbox", () => new TestBrowser(), "/dev/mailbox"],
  ] as const)("the %s has a nonce CSP that every script obeys, frame-ancestors and nosniff", async (_label, who, path) => {
    const res = await who().get(typeof path === "function" ? path() : path);
    expectPagePolicy(res, await res.text());
  });

  it("a new nonce for every response", async () => {
    const a = expectPagePolicy(...(await page("/")));
    const b = expectPagePolicy(...(await page("/")));
    expect(a.nonce).not.toBe(b.nonce);
  });

  it("locally only the sandbox's same-origin checkout may load; with Razorpay keys its origins are allowed", async () => {
    const [local] = await page("/login");
    const localCsp = local.headers.get("Content-Security-Policy")!;
    expect(localCsp).not.toContain("razorpay.com");
    expect(directives(localCsp).get("connect-src")).toEqual(["'self'", "ws://localhost"]);

    const live = { ...env, RAZORPAY_KEY_ID: "rzp_live_x", RAZORPAY_KEY_SECRET: "s", RAZORPAY_WEBHOOK_SECRET: "w" } as Env;
    const res = await worker.fetch(new Request("http://localhost/login") as Parameters<typeof worker.fetch>[0], live, createExecutionContext());
    const csp = directives(res.headers.get("Content-Security-Policy"));
    expect(csp.get("script-src")).toContain("https://checkout.razorpay.com");
    expect(csp.get("frame-src")).toEqual(expect.arrayContaining(["https://api.razorpay.com", "https://checkout.razorpay.com"]));
    expect(csp.get("connect-src")).toContain("https://lumberjack.razorpay.com");
    await res.text();
  });

  it.each([
    ["JSON seat map", (): string => `/api/showtimes/${showtimeId}/seats`, "application/json"],
    ["JSON error", (): string => "/api/showtimes/st-nope/seats", "application/json"],
    ["poster SVG", (): string => "/posters/monsoon-express", "image/svg+xml"],
    ["ticket SVG", (): string => `/bookings/${bookingId}/ticket.svg`, "image/svg+xml"],
    ["sandbox checkout.js", (): string => "/dev/razorpay-sandbox/checkout.js", "text/javascript"],
    ["CSV export", (): string => "/admin/sales/export", "text/csv"],
    ["Worker's own 403", (): string => "/logout", "text/plain"],
  ] as const)("the %s is nosniff, unframeable and loads nothing", async (_label, path, type) => {
    const who = path().startsWith("/admin") ? admin : customer;
    const res = path() === "/logout"
      ? await who.fetch("/logout", { method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" } })
      : await who.get(path());
    expect(res.headers.get("Content-Type")).toContain(type);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const csp = directives(res.headers.get("Content-Security-Policy"));
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    await res.text();
  });
});

async function page(path: string): Promise<[Response, string]> {
  const res = await exports.default.fetch(new Request(`http://localhost${path}`));
  return [res, await res.text()];
}
