import { env } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seatsOf } from "#app/seats/gateway.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime, sellInD1 } from "#tests/helpers/showtimes";
import { customer, holdSeats, proceedToPay } from "#tests/helpers/payments";
import { seatObject } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

const TTL_MS = Number(env.HOLD_TTL_SECONDS) * 1000;
const EXTEND_MS = Number(env.HOLD_EXTENSION_SECONDS) * 1000;
const CEILING_MS = Number(env.HOLD_CEILING_SECONDS) * 1000;
const COOLDOWN_MS = Number(env.HOLD_COOLDOWN_SECONDS) * 1000;

async function advance(showtimeId: string, ms: number) {
  await runInDurableObject(seatObject(showtimeId), (instance: ShowtimeSeats) => {
    instance.clockSkewMs += ms;
  });
}

function postHold(browser: TestBrowser, showtimeId: string, seatIds: string[]) {
  return browser.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body: JSON.stringify({ seatIds }),
    headers: { "Content-Type": "application/json" },
  });
}

/** A second tab: the same session cookies, the same address. */
function secondTab(browser: TestBrowser, ip?: string): TestBrowser {
  const tab = new TestBrowser(ip);
  for (const [k, v] of browser.cookies) tab.cookies.set(k, v);
  return tab;
}

async function bookingDeadline(bookingId: unknown): Promise<number> {
  const row = await env.DB.prepare("SELECT hold_expires_at AS t FROM bookings WHERE id = ?").bind(bookingId).first<{ t: number }>();
  return row!.t;
}

type HoldBody = { holdId: string; createdAt: number; expiresAt: number; canExtend: boolean };

describe("a hold's hard life", () => {
  it("re-holding the same seats or changing seats never moves the first deadline", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const first = await seats.hold("hoarder", ["A1", "A2"]);
    if (!first.ok) throw new Error("first hold refused");
    await advance(st, TTL_MS - 60_000);
    const again = await seats.hold("hoarder", ["A1", "A2"]);
    const moved = await seats.hold("hoarder", ["B5"]);
    expect(again.ok && again.hold.expiresAt).toBe(first.hold.expiresAt);
    expect(moved.ok && moved.hold.expiresAt).toBe(first.hold.expiresAt);
    expect(moved.ok && moved.hold.seatIds).toEqual(["B5"]);
    expect((await seats.snapshot("hoarder")).seats).toEqual({ B5: "yours" });
    // Past the first deadline the seats are free for anyone, whatever the hoarder did in between.
    await advance(st, 60_001);
    expect((await seats.snapshot(null)).seats).toEqual({});
    expect((await seats.hold("fan", ["B5"])).ok).toBe(true);
  });

  it("a second tab gets the first tab's deadline, and the summary countdown shows it", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const res1 = await postHold(fan, st, ["C1"]);
    const one = (await res1.json()) as HoldBody;
    await advance(st, 120_000);
    const res2 = await postHold(secondTab(fan), st, ["C2", "C3"]);
    expect(res2.status).toBe(201);
    const two = (await res2.json()) as HoldBody;
    expect(two.expiresAt).toBe(one.expiresAt);
    expect(two.createdAt).toBe(one.createdAt);
    const summary = await (await fan.get(`/showtimes/${st}/summary`)).text();
    // The page carries the hold's real deadline for the countdown, not a fresh ten minutes.
    expect(summary).toMatch(new RegExp(`expiresAt[\\\\"]*,${one.expiresAt}[,\\]]`));
  });

  it("survives eviction with its deadline and extension state", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const first = await seats.hold("u", ["D1"]);
    if (!first.ok) throw new Error("refused");
    await seats.extend("u", first.hold.holdId);
    await evictDurableObject(seatObject(st));
    const again = await seats.hold("u", ["D2"]);
    expect(again.ok && again.hold.expiresAt).toBe(Math.min(first.hold.expiresAt + EXTEND_MS, first.hold.createdAt + CEILING_MS));
    expect(again.ok && again.hold.extended).toBe(true);
  });
});

describe("the one extension", () => {
  it("adds time once, never past the ceiling, and refuses a second", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const held = await seats.hold("u", ["E1"]);
    if (!held.ok) throw new Error("refused");
    expect(held.hold.canExtend).toBe(true);
    const ext = await seats.extend("u", held.hold.holdId);
    expect(ext.ok && ext.hold.expiresAt).toBe(Math.min(held.hold.expiresAt + EXTEND_MS, held.hold.createdAt + CEILING_MS));
    expect(ext.ok && ext.hold.canExtend).toBe(false);
    expect(await seats.extend("u", held.hold.holdId)).toEqual({ ok: false, reason: "already_extended" });
    // Someone else's hold cannot be extended by them.
    const other = await seats.hold("v", ["E2"]);
    if (other.ok) expect(await seats.extend("u", other.hold.holdId)).toEqual({ ok: false, reason: "no_hold" });
  });

  it("is offered on the payment page and used there once", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["F1"]);
    const booking = await proceedToPay(fan, st, holdId);
    const before = (await seatsOf(env, st).getHold(holdId))!;
    const page = await (await fan.get(`/bookings/${booking.id}/pay`)).text();
    expect(page).toContain("Extend my hold once");
    const res = await fan.submit(`/bookings/${booking.id}/pay`, { intent: "extend" });
    expect(res.status).toBe(302);
    const after = (await seatsOf(env, st).getHold(holdId))!;
    expect(after.expiresAt).toBe(Math.min(before.expiresAt + EXTEND_MS, before.createdAt + CEILING_MS));
    const again = await fan.submit(`/bookings/${booking.id}/pay`, { intent: "extend" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already used your one extension");
    expect((await seatsOf(env, st).getHold(holdId))!.expiresAt).toBe(after.expiresAt);
    // The booking waits as long as its hold now does: the payment page and the booking's state read its deadline.
    expect(await bookingDeadline(booking.id)).toBe(after.expiresAt);
  });

  it("an extension through the JSON API moves the deadline of the booking waiting on the hold too", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["F3"]);
    const booking = await proceedToPay(fan, st, holdId);
    const before = await bookingDeadline(booking.id);
    const res = await fan.fetch(`/api/showtimes/${st}/holds/${holdId}`, { method: "POST", body: JSON.stringify({ extend: true }), headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    const { expiresAt } = (await res.json()) as HoldBody;
    expect(expiresAt).toBeGreaterThan(before);
    expect(await bookingDeadline(booking.id)).toBe(expiresAt);
  });

  it("the JSON API extends once and then answers 409", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["F5"]);
    const extend = () =>
      fan.fetch(`/api/showtimes/${st}/holds/${holdId}`, { method: "POST", body: JSON.stringify({ extend: true }), headers: { "Content-Type": "application/json" } });
    expect((await extend()).status).toBe(200);
    const second = await extend();
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("already_extended");
  });
});

describe("cool-down", () => {
  it("after a release, the same user waits (429 with Retry-After and when), others do not", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["G1"]);
    expect((await fan.fetch(`/api/showtimes/${st}/holds/${holdId}`, { method: "DELETE" })).status).toBe(204);
    const res = await postHold(fan, st, ["G1"]);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("cooling_down");
    expect(body.error.message).toMatch(/You can hold seats again in \d+/);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
    // The seat page says when they can try again.
    expect(await (await fan.get(`/showtimes/${st}`)).text()).toContain("You can hold seats on this show again in");
    const other = await customer();
    expect((await postHold(other, st, ["G1"])).status).toBe(201);
    await advance(st, COOLDOWN_MS);
    expect((await postHold(fan, st, ["G2"])).status).toBe(201);
  });

  it("after an expiry, the cool-down runs from the deadline", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("u", ["H1"]);
    await advance(st, TTL_MS);
    await runDurableObjectAlarm(seatObject(st));
    expect(await seats.hold("u", ["H1"])).toMatchObject({ ok: false, refusal: { code: "cooling_down" } });
    expect((await seats.snapshot("u")).yourCooldownUntil).not.toBeNull();
    await advance(st, COOLDOWN_MS);
    expect((await seats.hold("u", ["H1"])).ok).toBe(true);
  });

  it("starts the cool-down at the deadline even when the user asks again before the alarm has swept the hold", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("v", ["H2"]);
    // Just past the deadline, no alarm run: the re-hold must not slip in as a fresh hold.
    await advance(st, TTL_MS + 50);
    expect(await seats.hold("v", ["H2"])).toMatchObject({ ok: false, refusal: { code: "cooling_down" } });
    expect((await seats.snapshot(null)).seats.H2).toBeUndefined();
    expect((await seats.hold("w", ["H2"])).ok).toBe(true);
  });
});

describe("seats per user per show", () => {
  it("counts seats already bought against the limit, also after the object reloads from D1", async () => {
    const st = await createShowtime();
    await sellInD1(st, `bk-a-${st}`, ["J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8"], "usr-demo-customer");
    const seats = seatsOf(env, st);
    expect(await seats.hold("usr-demo-customer", ["K1", "K2", "K3"])).toEqual({
      ok: false,
      refusal: { code: "show_limit_reached", max: 10, owned: 8 },
    });
    expect((await seats.hold("usr-demo-customer", ["K1", "K2"])).ok).toBe(true);
    await evictDurableObject(seatObject(st));
    expect(await seats.hold("usr-demo-customer", ["K1", "K2", "K3"])).toMatchObject({ refusal: { code: "show_limit_reached" } });
    expect((await seats.hold("someone-else", ["L1", "L2", "L3"])).ok).toBe(true);
  });

  it("refuses a second booking's claim that would take a user past the limit (two bookings of six)", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const six = (row: string) => Array.from({ length: 6 }, (_, i) => `${row}${i + 1}`);
    expect(await seats.claimForBooking("bk-1", "buyer", six("A"))).toEqual({ ok: true });
    expect(await seats.claimForBooking("bk-2", "buyer", six("B"))).toEqual({ ok: false, seats: six("B").map((seatId) => ({ seatId, reason: "over_limit" })) });
    expect(await seats.claimForBooking("bk-1", "buyer", six("A"))).toEqual({ ok: true }); // the first stays idempotent
    expect(Object.keys((await seats.snapshot(null)).seats).sort()).toEqual(six("A").sort());
  });

  it("refuses even one more seat once the user has the maximum", async () => {
    const st = await createShowtime();
    await sellInD1(st, `bk-b-${st}`, ["J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8", "J9", "J10"], "usr-demo-customer");
    const res = await seatsOf(env, st).hold("usr-demo-customer", ["K1"]);
    expect(res).toMatchObject({ ok: false, refusal: { code: "show_limit_reached", owned: 10 } });
  });
});
