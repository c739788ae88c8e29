import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openRoom } from "#app/queue/rooms.server";
import { seatsOf } from "#app/seats/gateway.server";
import { testServices } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import { csrfOf, customer, holdSeats, settleAlarms } from "#tests/helpers/payments";
import { GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

/**
 * Every Workers Rate Limiting limit in docs/api.md's table, hit by one concurrent burst keyed to the
 * unit its abuse uses (ADR 027). The binding counts in fixed windows aligned to the wall clock
 * (miniflare and Cloudflare alike), so the test reads the window it ran in instead of sleeping: a
 * burst inside one window passes exactly `limit`; one that straddles a boundary passes at most two
 * windows' worth. 2 × limit + 1 requests are sent, so at least one is always refused.
 */

beforeAll(async () => {
  await seedDemoData();
});

const WINDOW_MS = 60_000;

async function burst(limit: number, send: (i: number) => Promise<Response>, passed: (r: Response) => boolean) {
  const startWindow = Math.floor(Date.now() / WINDOW_MS);
  const answers = await Promise.all(Array.from({ length: 2 * limit + 1 }, (_, i) => send(i)));
  const sameWindow = Math.floor(Date.now() / WINDOW_MS) === startWindow;
  const ok = answers.filter(passed);
  const refused = answers.filter((r) => r.status === 429);
  if (sameWindow) expect(ok).toHaveLength(limit);
  else {
    expect(ok.length).toBeGreaterThanOrEqual(limit);
    expect(ok.length).toBeLessThanOrEqual(2 * limit);
  }
  expect(ok.length + refused.length).toBe(answers.length);
  for (const r of refused) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
  return { ok, refused };
}

function postHold(browser: TestBrowser, showtimeId: string, seatIds: string[]) {
  return browser.fetch(`/api/showtimes/${showtimeId}/holds`, { method: "POST", body: JSON.stringify({ seatIds }), headers: { "Content-Type": "application/json" } });
}

function onAddress(browser: TestBrowser, ip: string): TestBrowser {
  const moved = new TestBrowser(ip);
  for (const [k, v] of browser.cookies) moved.cookies.set(k, v);
  return moved;
}

describe("each limit holds under a concurrent burst, keyed to the abuser's unit", () => {
  it("seat holds per account (RL_HOLD_USER, 30/min): one account from many addresses", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const { refused } = await burst(30, (i) => postHold(onAddress(fan, `10.140.${i}.1`), st, [i % 2 ? "A1" : "A2"]), (r) => r.status === 201);
    expect(((await refused[0]!.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    await settleAlarms(st);
  });

  it("seat holds per address (RL_HOLD_IP, 120/min): many accounts behind one address", async () => {
    const st = await createShowtime();
    const fans = await Promise.all(Array.from({ length: 9 }, () => customer()));
    const ip = "10.141.0.1";
    await burst(120, (i) => postHold(onAddress(fans[i % fans.length]!, ip), st, [`${"BCDEFGHIJ"[i % 9]}${(i % 5) + 1}`]), (r) => r.status !== 429);
    await settleAlarms(st);
  });

  it("'Proceed to pay' per account (RL_ORDER_USER, 10/min)", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["K1"]);
    const csrf = await csrfOf(fan);
    await burst(10, () => fan.submit(`/showtimes/${st}/pay`, { holdId }, { csrf }), (r) => r.status === 302);
    const bookings = await env.DB.prepare("SELECT COUNT(*) AS n FROM bookings WHERE showtime_id = ?").bind(st).first<number>("n");
    expect(bookings).toBe(1);
    await settleAlarms(st);
  });

  it("sign-ups per address (RL_SIGNUP_IP, 10/min)", async () => {
    const ip = "10.142.0.1";
    const browsers = Array.from({ length: 21 }, () => new TestBrowser(ip));
    const csrfs = await Promise.all(browsers.map(async (b) => (await b.get("/signup")).text()));
    expect(csrfs).toHaveLength(21);
    await burst(10, (i) => browsers[i]!.submit("/signup", { name: "Burst", email: uniqueEmail("burst"), password: GOOD_PASSWORD }), (r) => r.status === 302);
  });

  it("log-ins per address (RL_LOGIN_IP, 20/min): credential stuffing over many accounts from one address", async () => {
    // (One account's burst from one address meets its own failure count first: 5 reserved at once; account-security tests it.)
    const ip = "10.143.1.1";
    await burst(20, (i) => new TestBrowser(ip).submit("/login", { email: uniqueEmail(`stuffed-${i}`), password: "not-the-password-1" }), (r) => r.status === 401);
  });

  it("password resets per account (RL_RESET_ACCOUNT, 3/min) from many addresses, and per address (RL_RESET_IP, 10/min) over many accounts", async () => {
    const email = uniqueEmail("reset");
    expect((await signUpVerified(new TestBrowser("10.144.0.1"), { name: "Reset", email })).status).toBe(302);
    await burst(3, (i) => new TestBrowser(`10.144.${i + 1}.2`).submit("/forgot-password", { email }), (r) => r.status === 200);
    const ip = "10.145.0.1";
    await burst(10, () => new TestBrowser(ip).submit("/forgot-password", { email: uniqueEmail("nobody") }), (r) => r.status === 200);
  });

  it("sign-in links per account (3/min) from many addresses, and per address (10/min) over many accounts", async () => {
    const email = uniqueEmail("link");
    expect((await signUpVerified(new TestBrowser("10.146.0.1"), { name: "Link", email })).status).toBe(302);
    await burst(3, (i) => new TestBrowser(`10.146.${i + 1}.2`).submit("/sign-in-link", { email }), (r) => r.status === 200);
    const ip = "10.147.0.1";
    await burst(10, () => new TestBrowser(ip).submit("/sign-in-link", { email: uniqueEmail("nobody") }), (r) => r.status === 200);
  });

  it("webhook deliveries per address (RL_WEBHOOK_IP, 600/min)", async () => {
    const hook = new TestBrowser("10.148.0.1");
    const post = () =>
      hook.fetch("/api/razorpay/webhook", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "X-Razorpay-Signature": "forged", "X-Razorpay-Event-Id": "evt_burst" },
      });
    // A forged signature answers 400 once it passes the limit: the limit is what refuses with 429.
    await burst(600, post, (r) => r.status === 400);
  });

  it("seats per show (MAX_SEATS_PER_USER) across parallel claims of one account, and the cool-down under a burst of re-holds", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const six = (row: string) => Array.from({ length: 6 }, (_, i) => `${row}${i + 1}`);
    const claims = await Promise.all(["B", "C", "D"].map((row, i) => seats.claimForBooking(`bk-burst-${st}-${i}`, "burst-buyer", six(row))));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok).every((c) => !c.ok && c.seats.every((x) => x.reason === "over_limit"))).toBe(true);
    // A released hold's owner waits out the cool-down, however many holds arrive at once.
    const fan = await customer();
    const hold = await holdSeats(fan, st, ["M1"]);
    expect((await fan.fetch(`/api/showtimes/${st}/holds/${hold}`, { method: "DELETE" })).status).toBe(204);
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => postHold(onAddress(fan, `10.150.${i}.1`), st, ["M2"])));
    expect(new Set(again.map((r) => r.status))).toEqual(new Set([429]));
    expect(((await again[0]!.json()) as { error: { code: string } }).error.code).toBe("cooling_down");
    await settleAlarms(st);
  });

  it("queue joins: one place per account, however many joins arrive at once", async () => {
    const st = await createShowtime();
    await openRoom(testServices(), { showtimeId: st, opensAt: Date.now() + 3600_000, admitPerMinute: 60 });
    const fan = await customer();
    const joins = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        onAddress(fan, `10.149.${i}.1`).fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }),
      ),
    );
    const bodies = (await Promise.all(joins.map((r) => r.json()))) as { state: string; number?: number }[];
    expect(new Set(joins.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(bodies.map((b) => b.number)).size).toBe(1);
    expect((await seatsOf(env, st).snapshot(null)).roomOpensAt).not.toBeNull();
  });
});
