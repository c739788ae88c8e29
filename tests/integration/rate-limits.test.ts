import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seatsOf } from "#app/seats/gateway.server";
import { TestBrowser } from "#tests/helpers/browser";
import { inOneRateWindow } from "#tests/helpers/rate-window";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { csrfOf, customer, holdSeats } from "#tests/helpers/payments";
import { GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";

beforeAll(async () => {
  await seedDemoData();
});

// The numbers in wrangler.toml's [[ratelimits]]: the tests spend exactly the allowance, then one more.
const HOLDS_PER_USER = 30;
const HOLDS_PER_IP = 120;
const ORDERS_PER_USER = 10;
const WEBHOOKS_PER_IP = 600;
const LOGINS_PER_IP = 20;

function postHold(browser: TestBrowser, showtimeId: string, seatIds: string[]) {
  return browser.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body: JSON.stringify({ seatIds }),
    headers: { "Content-Type": "application/json" },
  });
}

async function expect429(res: Response, code = "rate_limited") {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/Try again in \d+ seconds/);
}

/** The same account on another address: signs up elsewhere, then acts from `ip`. */
function onAddress(browser: TestBrowser, ip: string): TestBrowser {
  const moved = new TestBrowser(ip);
  for (const [k, v] of browser.cookies) moved.cookies.set(k, v);
  return moved;
}

describe("hold rate limits", () => {
  it("per user: the 31st hold in a minute is a 429 and leaves the user's hold as it was", async () => {
    // Spends an allowance: judged inside one rate window (tests/helpers/rate-window.ts).
    await inOneRateWindow(async () => {
      const st = await createShowtime();
      const fan = await customer();
      for (let i = 0; i < HOLDS_PER_USER; i++) {
        // Flipping between two selections is the re-hold loop a hoarding script would run.
        expect((await postHold(onAddress(fan, `10.77.${i}.1`), st, [i % 2 ? "A1" : "A2"])).status).toBe(201);
      }
      const before = await seatsOf(env, st).snapshot(null);
      await expect429(await postHold(onAddress(fan, "10.77.200.1"), st, ["B1", "B2"]));
      expect(await seatsOf(env, st).snapshot(null)).toMatchObject({ seats: before.seats, version: before.version });
      // The seat page's form goes through the same function and gets the same answer.
      const page = await fan.submit(`/showtimes/${st}`, { seat: "B1" });
      expect(page.status).toBe(429);
      expect(page.headers.get("Retry-After")).not.toBeNull();
      expect(await page.text()).toContain("Too many seat holds from you just now");
    });
  }, 90_000);

  it("seats picked before logging in are held through the same limits: over them, nothing is held and the seat map says why", async () => {
    // Spends an allowance: judged inside one rate window (tests/helpers/rate-window.ts).
    await inOneRateWindow(async () => {
      const st = await createShowtime();
      const email = uniqueEmail("limited");
      const fan = new TestBrowser("10.79.0.1");
      expect((await signUpVerified(fan, { name: "Limited", email })).status).toBe(302);
      for (let i = 0; i < HOLDS_PER_USER; i++) {
        expect((await postHold(onAddress(fan, `10.79.${i}.2`), st, [i % 2 ? "A1" : "A2"])).status).toBe(201);
      }
      const before = await seatsOf(env, st).snapshot(null);
      const elsewhere = new TestBrowser("10.79.250.1");
      const res = await elsewhere.submit(`/login?hold=${st}:C1`, { email, password: GOOD_PASSWORD, hold: `${st}:C1` });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/showtimes/${st}?notice=rate_limited&pick=C1`);
      expect(await seatsOf(env, st).snapshot(null)).toMatchObject({ seats: before.seats, version: before.version });
      expect(await (await elsewhere.get(res.headers.get("Location")!)).text()).toContain("many times in a short while");
    });
  }, 90_000);

  it("logins per IP: past the allowance even the right password waits, told so (not that it failed), and no session starts", async () => {
    // Spends an allowance: judged inside one rate window (tests/helpers/rate-window.ts).
    await inOneRateWindow(async (attempt) => {
      const email = uniqueEmail("busy");
      expect((await signUpVerified(new TestBrowser("10.80.0.1"), { name: "Busy", email })).status).toBe(302);
      const ip = `10.80.1.${1 + attempt}`;
      for (let i = 0; i < LOGINS_PER_IP; i++) expect((await new TestBrowser(ip).submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
      const late = new TestBrowser(ip);
      const res = await late.submit("/login", { email, password: GOOD_PASSWORD });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      const page = await res.text();
      expect(page).toContain("Too many logins from this address just now");
      expect(page.split("<script")[0]).not.toContain("failed");
      expect((await late.get("/account")).status).toBe(302);
    });
  }, 90_000);

  it("per IP: many accounts behind one address share one allowance", async () => {
    // Spends an allowance: judged inside one rate window (tests/helpers/rate-window.ts).
    await inOneRateWindow(async (attempt) => {
      const st = await createShowtime();
      const ip = `10.78.0.${1 + attempt}`;
      const fans = await Promise.all(Array.from({ length: 5 }, () => customer()));
      let sent = 0;
      for (const [i, fan] of fans.slice(0, 4).entries()) {
        for (let j = 0; j < HOLDS_PER_IP / 4; j++) {
          expect((await postHold(onAddress(fan, ip), st, [`${"CDEF"[i]}${(j % 5) + 1}`])).status).toBe(201);
          sent++;
        }
      }
      expect(sent).toBe(HOLDS_PER_IP);
      await expect429(await postHold(onAddress(fans[4]!, ip), st, ["G1"]));
      expect((await seatsOf(env, st).snapshot(null)).seats.G1).toBeUndefined();
      // The same account from its own address is not limited.
      expect((await postHold(fans[4]!, st, ["G1"])).status).toBe(201);
    });
  }, 120_000);
});

describe("order creation rate limit", () => {
  it("the 11th 'Proceed to pay' in a minute is a 429 with a sentence, and creates nothing", async () => {
    // Spends an allowance: judged inside one rate window (tests/helpers/rate-window.ts).
    await inOneRateWindow(async () => {
      const st = await createShowtime();
      const fan = await customer();
      const holdId = await holdSeats(fan, st, ["H1"]);
      const csrf = await csrfOf(fan);
      for (let i = 0; i < ORDERS_PER_USER; i++) {
        expect((await fan.submit(`/showtimes/${st}/pay`, { holdId }, { csrf })).status).toBe(302);
      }
      const count = () => env.DB.prepare("SELECT COUNT(*) AS n FROM bookings WHERE showtime_id = ?").bind(st).first<{ n: number }>();
      const before = await count();
      const res = await fan.submit(`/showtimes/${st}/pay`, { holdId }, { csrf });
      expect(res.status).toBe(429);
      expect(res.headers.get("Retry-After")).not.toBeNull();
      expect(await res.text()).toContain("Too many payment attempts from you just now");
      expect(await count()).toEqual(before);
    });
  }, 90_000);
});

describe("webhook rate limit", () => {
  it("is generous per IP, then answers 429 with Retry-After", async () => {
    const ip = "10.79.0.1";
    const hook = new TestBrowser(ip);
    const post = () =>
      hook.fetch("/api/razorpay/webhook", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "X-Razorpay-Signature": "forged", "X-Razorpay-Event-Id": "evt_x" },
      });
    const statuses = new Set<number>();
    for (let i = 0; i < WEBHOOKS_PER_IP; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, post));
      for (const r of batch) statuses.add(r.status);
    }
    expect(statuses.has(429)).toBe(false);
    // The binding counts in fixed 60 s windows: if one rolled over during the burst, the next
    // window fills up too, so keep going (at most one more window's worth) until it answers 429.
    let limited = await post();
    for (let i = 0; limited.status !== 429 && i < WEBHOOKS_PER_IP; i++) limited = await post();
    await expect429(limited);
    // Another address is unaffected.
    expect((await new TestBrowser("10.79.0.2").fetch("/api/razorpay/webhook", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).status).not.toBe(429);
  }, 120_000);
});
