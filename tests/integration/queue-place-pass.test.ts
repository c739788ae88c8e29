import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "#app/queue/gateway.server";
import { queueView, type QueueView } from "#app/queue/fan-status.server";
import { placeCookieName, placePassCookie } from "#app/queue/place-pass.server";
import { endRoom, openRoom } from "#app/queue/rooms.server";
import { getSessionUser } from "#app/auth/session.server";
import type { Services } from "#app/utils/context.server";
import type { WaitingRoom } from "#workers/waiting-room";
import { testServices } from "#tests/helpers/admin";
import type { TestBrowser } from "#tests/helpers/browser";
import { csrfOf, customer } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { roomObject } from "#tests/helpers/objects";

// ADR 026: a fan with a place pass is answered from it and the isolate's copy of the room's summary.

beforeAll(async () => {
  await seedDemoData();
});

async function advanceRoom(showtimeId: string, ms: number) {
  await runInDurableObject(roomObject(showtimeId), (room: WaitingRoom) => {
    room.clockSkewMs += ms;
  });
}

async function onSale(opts: { opensInMs?: number; rate?: number } = {}) {
  const st = await createShowtime();
  await openRoom(testServices(), { showtimeId: st, opensAt: Date.now() + (opts.opensInMs ?? 0), admitPerMinute: opts.rate ?? 60 });
  // The room's clock stands still but for advanceRoom: a slow, loaded run must not admit a fan the test counts as waiting.
  await runInDurableObject(roomObject(st), (room: WaitingRoom) => {
    room.pinnedNow = Date.now();
  });
  return st;
}

/** A room already open (first come, first served) at `rate` fans a minute. */
async function openedOnSale(rate: number) {
  const st = await onSale({ rate });
  await advanceRoom(st, 1);
  return st;
}

function requestOf(browser: TestBrowser): Request {
  return new Request("http://localhost/", { headers: { Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
}

async function userIdOf(browser: TestBrowser): Promise<string> {
  return (await getSessionUser(requestOf(browser), testServices()))!.id;
}

/** The services of an isolate that keeps the room's summary for a minute, at `now`. */
function caching(now: number): Services {
  const s = testServices(now);
  return { ...s, config: { ...s.config, QUEUE_STATUS_MAX_AGE_MS: 60_000 } };
}

async function joinOverHttp(browser: TestBrowser, st: string) {
  const res = await browser.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function pollOverHttp(browser: TestBrowser, st: string) {
  const res = await browser.fetch(`/api/queue/${st}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function position(view: QueueView | null): number {
  if (view?.status.state !== "waiting") throw new Error(`not waiting: ${view?.status.state}`);
  return view.status.position;
}

describe("a fan's place pass", () => {
  it("answers polls from the room's summary, at most QUEUE_STATUS_MAX_AGE_MS old, and stops at once when the room ends", async () => {
    const st = await openedOnSale(60);
    for (const u of ["ahead-1", "ahead-2", "ahead-3"]) await roomOf(env, st).join(u);
    const fan = await customer();
    expect(await joinOverHttp(fan, st)).toMatchObject({ state: "waiting", position: 4 });
    expect(fan.cookies.get(placeCookieName(st))).toBeTruthy();
    const user = { id: await userIdOf(fan), verified: true };
    const t0 = Date.now();
    expect(position(await queueView(caching(t0), requestOf(fan), st, user, { join: false }))).toBe(4);
    // The room lets two in; this isolate's copy is a second old, so the fan still reads 4…
    await advanceRoom(st, 2_500);
    expect(position(await queueView(caching(t0 + 1_000), requestOf(fan), st, user, { join: false }))).toBe(4);
    // …until the copy is older than the limit: then the same place the room itself gives.
    const fresh = await queueView(caching(t0 + 60_001), requestOf(fan), st, user, { join: false });
    const truth = await roomOf(env, st).status(user.id);
    expect(truth.state).toBe("waiting");
    expect(position(fresh)).toBe(truth.state === "waiting" ? truth.position : -1);
    expect(position(fresh)).toBeLessThan(4);
    // Ending the room forgets the copy here: no fan is told to wait in a room that is gone.
    await endRoom(testServices(), st);
    expect(await queueView(caching(t0 + 60_002), requestOf(fan), st, user, { join: false })).toBeNull();
    expect((await pollOverHttp(fan, st)).status).toBe(404);
  });

  it("is believed only as signed, for its own account and show: a forged, borrowed or other show's pass gets the room's answer", async () => {
    const st = await openedOnSale(1);
    const other = await openedOnSale(1);
    const first = await customer();
    const fan = await customer();
    await joinOverHttp(first, other);
    await joinOverHttp(first, st);
    await joinOverHttp(fan, st);
    const fanId = await userIdOf(fan);
    const s = testServices();
    const cookieValue = (setCookie: string) => setCookie.split(";")[0]!.split("=").slice(1).join("=");
    const forged = [
      // Signed with another key, claiming the front of the line and an admission.
      cookieValue(await placePassCookie({ ...s, config: { ...s.config, SESSION_SECRET: "another-secret-that-is-long-enough-0123456789" } }, { userId: fanId, showtimeId: st, seq: 1, admittedAt: Date.now() })),
      // The first fan's own pass for this show, in this fan's cookie jar.
      first.cookies.get(placeCookieName(st))!,
      // This fan's pass for another show, signed properly, claiming number 1 here.
      cookieValue(await placePassCookie(s, { userId: fanId, showtimeId: other, seq: 1, admittedAt: Date.now() })),
      "not-a-pass",
    ];
    for (const pass of forged) {
      fan.cookies.set(placeCookieName(st), pass);
      const { status, body } = await pollOverHttp(fan, st);
      expect(status).toBe(200);
      expect(body).toMatchObject({ state: "waiting", number: 2, position: 2, admissionToken: null });
      // The room's answer comes with the fan's real pass.
      expect(fan.cookies.get(placeCookieName(st))).not.toBe(pass);
    }
    expect(await roomOf(env, st).stats()).toMatchObject({ admitted: 0, waiting: 2 });
  });

  it("hands an admission out only when the room says so, and then remembers it without extending it", async () => {
    const st = await openedOnSale(60);
    const fan = await customer();
    expect(await joinOverHttp(fan, st)).toMatchObject({ state: "waiting", position: 1 });
    await advanceRoom(st, 5_000);
    const admitted = await pollOverHttp(fan, st);
    expect(admitted.body).toMatchObject({ state: "admitted", number: 1, pollAfterSeconds: null });
    expect(admitted.body.admissionToken).toEqual(expect.any(String));
    const again = await pollOverHttp(fan, st);
    expect(again.body.admittedAt).toBe(admitted.body.admittedAt);
  });

  it("before opening says pre-queue from the summary; after the draw the room gives the drawn place", async () => {
    const st = await onSale({ opensInMs: 60_000, rate: 1 });
    const fan = await customer();
    const joined = await joinOverHttp(fan, st);
    expect(joined).toMatchObject({ state: "pre_queue" });
    // The page asks again at opening (spread over a few seconds), not every few seconds before it.
    expect(joined.pollAfterSeconds).toBe(30);
    expect((await pollOverHttp(fan, st)).body).toMatchObject({ state: "pre_queue" });
    await advanceRoom(st, 60_000);
    expect((await pollOverHttp(fan, st)).body).toMatchObject({ state: "waiting", number: 1, position: 1 });
  });

  it("the queue page asks again sooner near the front than far back", async () => {
    const st = await openedOnSale(6);
    for (let i = 0; i < 40; i++) await roomOf(env, st).join(`ahead-${i}`);
    const fan = await customer();
    const far = await joinOverHttp(fan, st);
    expect(far).toMatchObject({ state: "waiting", position: 41, pollAfterSeconds: 30 });
    expect(await (await fan.get(`/queue/${st}`)).text()).toContain('http-equiv="refresh" content="30"');
    const near = await customer();
    const st2 = await openedOnSale(6);
    expect(await joinOverHttp(near, st2)).toMatchObject({ state: "waiting", position: 1, pollAfterSeconds: 3 });
  });

  it("is one per show, and logging out clears it with the admission", async () => {
    const st = await openedOnSale(60);
    const other = await openedOnSale(60);
    const fan = await customer();
    await joinOverHttp(fan, st);
    await joinOverHttp(fan, other);
    expect(fan.cookies.get(placeCookieName(st))).toBeTruthy();
    expect(fan.cookies.get(placeCookieName(other))).toBeTruthy();
    await advanceRoom(st, 5_000);
    expect((await pollOverHttp(fan, st)).body).toMatchObject({ state: "admitted" });
    expect(fan.cookies.get("marquee_admission")).toBeTruthy();
    expect((await fan.submit("/logout", {}, { csrf: await csrfOf(fan) })).status).toBe(302);
    expect(fan.cookies.get(placeCookieName(st))).toBeUndefined();
    expect(fan.cookies.get(placeCookieName(other))).toBeUndefined();
    expect(fan.cookies.get("marquee_admission")).toBeUndefined();
  });
});
