import { env } from "cloudflare:workers";
import { evictDurableObject, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { listSeats } from "#app/domain/layout";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { issueAdmission } from "#app/queue/admission.server";
import { botCheckConfig, localPassToken } from "#app/auth/bot-check.server";
import { roomOf } from "#app/queue/gateway.server";
import type { FanStatus } from "#app/queue/contract";
import { endRoom, openRoom } from "#app/queue/rooms.server";
import { seatsOf } from "#app/seats/gateway.server";
import { getSessionUser } from "#app/auth/session.server";
import { signSessionClaim } from "#app/auth/session-claim.server";
import { signValue } from "#app/utils/keys.server";
import type { WaitingRoom } from "#workers/waiting-room";
import { loggedIn, post, testServices } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import { customer } from "#tests/helpers/payments";
import { GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { seatObject, roomObject, roomObjectNamespace } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

async function advanceRoom(showtimeId: string, ms: number) {
  await runInDurableObject(roomObject(showtimeId), (room: WaitingRoom) => {
    room.clockSkewMs += ms;
  });
}

/** A showtime with an active room opening in `opensInMs` at `rate` fans a minute. */
async function onSale(opts: { opensInMs?: number; rate?: number | null; screenId?: string } = {}) {
  const st = await createShowtime(opts.screenId ? { screenId: opts.screenId } : {});
  const opensAt = Date.now() + (opts.opensInMs ?? 0);
  await openRoom(testServices(), { showtimeId: st, opensAt, admitPerMinute: opts.rate === undefined ? 60 : opts.rate });
  return { st, opensAt };
}

async function postHold(browser: TestBrowser, showtimeId: string, seatIds: string[], token?: string, bot?: string) {
  return browser.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body: JSON.stringify({ seatIds }),
    headers: {
      "Content-Type": "application/json",
      "CF-Turnstile-Response": bot ?? (await localPassToken(testServices())),
      ...(token === undefined ? {} : { "X-Admission-Token": token }),
    },
  });
}

function cookieRequest(browser: TestBrowser): Request {
  return new Request("http://localhost/", { headers: { Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
}

/** The account behind a browser's session, as the Worker resolves it. */
async function userIdOf(browser: TestBrowser): Promise<string> {
  const user = await getSessionUser(cookieRequest(browser), testServices());
  return user!.id;
}

function positionOf(s: FanStatus): number {
  if (s.state !== "waiting") throw new Error(`not waiting: ${s.state}`);
  return s.position;
}

describe("admission tokens gate holds while a room is active", () => {
  it("refuses no token, a forged, malformed, expired or someone else's token with 403 and a link to the queue; changes nothing", async () => {
    const { st, opensAt } = await onSale();
    const fan = await customer();
    const other = await customer();
    const s = testServices();
    const fanId = await userIdOf(fan);
    const otherId = await userIdOf(other);
    const good = await issueAdmission(s, { userId: fanId, showtimeId: st, opensAt, admittedAt: Date.now() });
    const foreign = await issueAdmission(s, { userId: otherId, showtimeId: st, opensAt, admittedAt: Date.now() });
    const otherShow = await issueAdmission(s, { userId: fanId, showtimeId: "st-elsewhere", opensAt, admittedAt: Date.now() });
    const expired = await issueAdmission(s, { userId: fanId, showtimeId: st, opensAt, admittedAt: Date.now() - 3600_000 });
    const [payload] = good.split(".");
    const forged = `${payload}.${"A".repeat(43)}`;
    const cases: [string | undefined, string][] = [
      [undefined, "admission_required"],
      [forged, "admission_invalid"],
      ["not a token", "admission_invalid"],
      ["x".repeat(5000), "admission_invalid"],
      [foreign, "admission_invalid"],
      [otherShow, "admission_invalid"],
      [expired, "admission_expired"],
    ];
    for (const [token, code] of cases) {
      const res = await postHold(fan, st, ["A1"], token);
      expect(res.status, code).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string; location: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.location).toBe(`/queue/${st}`);
      expect(body.error.message.length).toBeGreaterThan(10);
    }
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
    // An admitted fan still passes the bot check on each hold while the room is active.
    const bot = await postHold(fan, st, ["A1"], good, "fail");
    expect(bot.status).toBe(403);
    expect(((await bot.json()) as { error: { code: string } }).error.code).toBe("bot_check_failed");
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
    expect((await postHold(fan, st, ["A1"], good)).status).toBe(201);
  });

  it("the seat page says so and its form refuses a hold without admission (403 with the queue link)", async () => {
    const { st } = await onSale();
    const fan = await customer();
    const page = await (await fan.get(`/showtimes/${st}`)).text();
    expect(page).toContain("selling through a waiting room");
    const res = await fan.submit(`/showtimes/${st}`, { seat: "B2" });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain(`href="/queue/${st}"`);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
  });

  it("keeps gating after the seat object is evicted, and refuses a token from an earlier opening of the show's room", async () => {
    const { st, opensAt } = await onSale({ opensInMs: 60_000 });
    const fan = await customer();
    const fanId = await userIdOf(fan);
    const s = testServices();
    await evictDurableObject(seatObject(st));
    expect((await postHold(fan, st, ["A1"])).status).toBe(403);
    // The operator moves the opening before it has happened: tokens for the old time admit no one.
    await openRoom(s, { showtimeId: st, opensAt: opensAt + 30_000, admitPerMinute: 60 });
    const stale = await issueAdmission(s, { userId: fanId, showtimeId: st, opensAt, admittedAt: Date.now() });
    const res = await postHold(fan, st, ["A1"], stale);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("admission_invalid");
    const current = await issueAdmission(s, { userId: fanId, showtimeId: st, opensAt: opensAt + 30_000, admittedAt: Date.now() });
    expect((await postHold(fan, st, ["A1"], current)).status).toBe(201);
  });
});

describe("queue order", () => {
  it("draws the pre-queue in a random order at opening, then serves later arrivals in order", async () => {
    // One a minute: nobody is admitted while the test reads positions, however slow the machine.
    const { st } = await onSale({ opensInMs: 60_000, rate: 1 });
    const room = roomOf(env, st);
    const early = Array.from({ length: 40 }, (_, i) => `early-${String(i).padStart(2, "0")}`);
    for (const u of early) expect((await room.join(u)).state).toBe("pre_queue");
    await advanceRoom(st, 60_000);
    const late = ["late-1", "late-2", "late-3"];
    const lateStatuses = [];
    for (const u of late) lateStatuses.push(await room.join(u));
    const positions = await Promise.all(early.map(async (u) => positionOf(await room.status(u))));
    // Everyone who waited before opening is ahead of later arrivals, in a shuffled order.
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(positions).not.toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(lateStatuses.map(positionOf)).toEqual([41, 42, 43]);
  });

  it("a refresh, a second tab or a rejoin neither improves nor loses a place, also across eviction", async () => {
    const { st } = await onSale({ rate: 1 });
    const room = roomOf(env, st);
    await advanceRoom(st, 1); // opened
    for (const u of ["a", "b", "c"]) await room.join(u);
    const before = positionOf(await room.status("c"));
    expect(positionOf(await room.join("c"))).toBe(before);
    await evictDurableObject(roomObject(st));
    expect(positionOf(await room.status("c"))).toBe(before);
    expect(positionOf(await room.join("c"))).toBe(before);
    // The next newcomer after a wake takes the next place: no number is handed out twice.
    expect(await room.join("d")).toMatchObject({ state: "waiting", number: 4 });
  });

  it("admits at the configured rate in queue order, and positions move up", async () => {
    const { st } = await onSale({ rate: 60 });
    const room = roomOf(env, st);
    // A slow machine must not admit one more fan between the answers below: only the test moves time.
    await runInDurableObject(roomObject(st), (r: WaitingRoom) => {
      r.pinnedNow = Date.now();
    });
    const fans = Array.from({ length: 30 }, (_, i) => `fan-${i}`);
    for (const u of fans) await room.join(u);
    await advanceRoom(st, 10_000);
    const states = await Promise.all(fans.map((u) => room.status(u)));
    const admitted = states.map((s, i) => (s.state === "admitted" ? i : -1)).filter((i) => i >= 0);
    // 60 a minute for 10 s is 10 fans (give or take the one in hand an idle room keeps), the first ones.
    expect(admitted.length).toBeGreaterThanOrEqual(10);
    expect(admitted.length).toBeLessThanOrEqual(11);
    expect(admitted).toEqual(Array.from({ length: admitted.length }, (_, i) => i));
    expect(positionOf(states[29]!)).toBe(30 - admitted.length);
    const stats = await room.stats();
    expect(stats).toMatchObject({ admitted: admitted.length, waiting: 30 - admitted.length, ratePerMinute: 60, rateIsDerived: false });
  });

  it("derives the rate from seats left when the operator leaves it blank", async () => {
    const { st } = await onSale({ rate: null, screenId: "scr-mum-regal-2" });
    const stats = await roomOf(env, st).stats();
    expect(stats.rateIsDerived).toBe(true);
    expect(stats.ratePerMinute).toBe(Math.min(stats.seatsLeft!, Number(env.QUEUE_SEAT_CAPACITY_PER_MINUTE)));
  });
});

describe("sold out", () => {
  it("says so at once and takes no one new; when seats come back it admits again", async () => {
    const { st } = await onSale({ rate: 600, screenId: "scr-mum-regal-2" });
    const room = roomOf(env, st);
    await room.join("first");
    const screen = await env.DB.prepare("SELECT layout FROM screens WHERE id = 'scr-mum-regal-2'").first<{ layout: string }>();
    const all = listSeats(seatLayoutSchema.parse(JSON.parse(screen!.layout))).map((s) => s.id);
    expect(await seatsOf(env, st).block(all)).toEqual({ ok: true });
    await advanceRoom(st, 5_000); // past the room's cached seat count
    expect(await room.status("first")).toMatchObject({ state: "sold_out" });
    expect(await room.join("newcomer")).toEqual({ state: "sold_out", number: null, position: null });
    expect((await room.stats()).soldOut).toBe(true);
    await seatsOf(env, st).unblock(all.slice(0, 5));
    await advanceRoom(st, 5_000);
    expect(await room.status("first")).toMatchObject({ state: "admitted" });
  });
});

describe("the fan's journey over HTTP", () => {
  it("joins, waits with a position, is admitted with a cookie, and holds seats", async () => {
    const { st } = await onSale({ rate: 60 });
    const fan = await customer();
    const ahead = await customer();
    await advanceRoom(st, 1);
    expect((await ahead.submit(`/queue/${st}`, {})).status).toBe(302);
    expect((await fan.submit(`/queue/${st}`, {})).status).toBe(302);
    const waiting = await (await fan.get(`/queue/${st}`)).text();
    expect(waiting).toMatch(/Your place in line: <strong[^>]*>\d+<\/strong>/);
    expect(waiting).toContain('http-equiv="refresh"');
    await advanceRoom(st, 120_000);
    const turn = await fan.get(`/queue/${st}`);
    expect(await turn.text()).toContain("It&#x27;s your turn");
    expect(fan.cookies.get("marquee_admission")).toBeTruthy();
    const res = await fan.submit(`/showtimes/${st}`, { seat: "C3" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/showtimes/${st}/summary`);
  });

  it("answers unknown on-sales and bad input with a clear 4xx", async () => {
    const fan = await customer();
    expect((await fan.get("/api/queue/st-does-not-exist")).status).toBe(404);
    const { st } = await onSale();
    const bad = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "not json", headers: { "Content-Type": "application/json" } });
    expect(bad.status).toBe(400);
    const form = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect((await new TestBrowser().fetch(`/api/queue/${st}`)).status).toBe(401);
    const joined = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(joined.status).toBe(200);
    expect((await fan.fetch(`/api/queue/${st}`, { method: "PUT", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(405);
    const big = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: JSON.stringify({ pad: "x".repeat(9000) }), headers: { "Content-Type": "application/json" } });
    expect(big.status).toBe(413);
    const extra = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: JSON.stringify({ seat: "A1" }), headers: { "Content-Type": "application/json" } });
    expect(extra.status).toBe(422);
  });

  it("answers a made-up on-sale with 404 and leaves no room object behind", async () => {
    const fan = await customer();
    const ids = Array.from({ length: 3 }, () => `st-${crypto.randomUUID().slice(0, 8)}`);
    for (const id of ids) {
      expect((await fan.get(`/api/queue/${id}`)).status).toBe(404);
      const join = await fan.fetch(`/api/queue/${id}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
      expect(join.status).toBe(404);
      expect(((await join.json()) as { error: { code: string } }).error.code).toBe("no_waiting_room");
    }
    const stored = new Set((await listDurableObjectIds(roomObjectNamespace())).map((id) => id.toString()));
    for (const id of ids) expect(stored.has(roomObjectNamespace().idFromName(id).toString()), id).toBe(false);
  });

  it("answers a real show that has no room with 404, and asking leaves no room storage behind", async () => {
    const fan = await customer();
    const st = await createShowtime();
    expect((await fan.get(`/api/queue/${st}`)).status).toBe(404);
    expect((await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(404);
    expect((await fan.get(`/queue/${st}`)).status).toBe(302);
    const tables = await runInDurableObject(roomObject(st), (_: WaitingRoom, state: DurableObjectState) => state.storage.sql.exec("SELECT name FROM sqlite_master WHERE type = 'table'").toArray());
    expect(tables).toEqual([]);
  });

  it("takes a place only for a verified account, and counts a verification made a moment ago", async () => {
    // Sessions begin verified, so the unverified account is made by hand: its address unmarked in
    // D1 and a cookie that claims nothing (as before ADR 025) or claims an unverified address.
    for (const cookieClaims of ["none", "unverified"] as const) {
      const { st } = await onSale({ rate: 1 });
      await advanceRoom(st, 1);
      const fan = await customer();
      const id = await userIdOf(fan);
      const sessionId = (await getSessionUser(cookieRequest(fan), testServices()))!.sessionId;
      const value =
        cookieClaims === "none"
          ? await signValue(env, "session", sessionId)
          : await signSessionClaim(env, { sessionId, userId: id, verified: false, expiresAt: Date.now() + 3600_000 });
      fan.cookies.set("marquee_session", encodeURIComponent(value));
      const join = async () => (await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).json();
      await env.DB.prepare("UPDATE users SET email_verified_at = NULL WHERE id = ?").bind(id).run();
      expect(await fan.get(`/queue/${st}`)).toBeTruthy(); // the page reads the session afresh: unverified
      expect(await join(), cookieClaims).toMatchObject({ state: "not_joined" });
      expect((await roomOf(env, st).stats()).waiting).toBe(0);
      await env.DB.prepare("UPDATE users SET email_verified_at = ? WHERE id = ?").bind(Date.now(), id).run();
      expect(await join(), cookieClaims).toMatchObject({ state: "waiting", number: 1 });
    }
  });

  it("a session ended elsewhere keeps its place in line from the cookie, but is never admitted and holds nothing", async () => {
    const { st } = await onSale({ rate: 60 });
    await advanceRoom(st, 1);
    const fan = new TestBrowser("10.77.0.3");
    const email = uniqueEmail("stolen");
    expect((await signUpVerified(fan, { email })).status).toBe(302);
    const copy = new TestBrowser("10.77.0.1");
    copy.cookies.set("marquee_session", fan.cookies.get("marquee_session")!);
    const join = (b: TestBrowser) => b.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(await (await join(fan)).json()).toMatchObject({ state: "waiting", number: 1 });
    expect((await fan.submit("/account", { intent: "logout-everywhere" })).status).toBe(302);
    // The copied cookie's claims still name the account: the queue answers from them, without D1.
    expect(await (await join(copy)).json()).toMatchObject({ state: "waiting", number: 1 });
    expect((await roomOf(env, st).stats()).waiting).toBe(1);
    await advanceRoom(st, 120_000);
    const turn = await copy.get(`/api/queue/${st}`);
    expect(turn.status).toBe(401);
    expect(turn.headers.getSetCookie().some((c) => c.startsWith("marquee_admission="))).toBe(false);
    expect(await turn.text()).not.toContain("admissionToken");
    expect((await postHold(copy, st, ["A1"])).status).toBe(401);
    // Logged in again, the same account is let in from the same place.
    expect((await fan.submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
    const admitted = (await (await join(fan)).json()) as { state: string; admissionToken: string | null };
    expect(admitted.state).toBe("admitted");
    expect(admitted.admissionToken).toBeTruthy();
  });

  it("refuses a session cookie whose claims were changed or signed with another key (401, nothing joined)", async () => {
    const { st } = await onSale({ rate: 1 });
    await advanceRoom(st, 1);
    const fan = await customer();
    const victim = await customer();
    const victimId = await userIdOf(victim);
    const signed = decodeURIComponent(fan.cookies.get("marquee_session")!);
    const [sessionId, , , expiresAt, signature] = signed.split(".");
    const swapped = [sessionId, victimId, "1", expiresAt, signature].join(".");
    const otherKey = await signSessionClaim({ SESSION_SECRET: "some-other-secret-0123456789abcdef0123456789" }, { sessionId: sessionId!, userId: victimId, verified: true, expiresAt: Date.now() + 3600_000 });
    const longer = [sessionId, victimId, "1", String(Date.now() + 10 * 365 * 86_400_000), signature].join(".");
    for (const value of [swapped, otherKey, longer, `${signed}.1`, "a.b.c.d.e"]) {
      const forger = new TestBrowser("10.77.0.2");
      forger.cookies.set("marquee_session", encodeURIComponent(value));
      const res = await forger.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
      expect(res.status, value).toBe(401);
    }
    expect((await roomOf(env, st).stats()).waiting).toBe(0);
  });

  it("an ended room answers 404 at once, and the fan's place survives a reopening", async () => {
    const { st, opensAt } = await onSale({ rate: 1 });
    await advanceRoom(st, 1);
    const fan = await customer();
    const joined = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(await joined.json()).toMatchObject({ state: "waiting", number: 1 });
    await endRoom(testServices(), st);
    const gone = await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("no_waiting_room");
    expect((await fan.get(`/api/queue/${st}`)).status).toBe(404);
    expect((await roomOf(env, st).stats()).waiting).toBe(1);
    await openRoom(testServices(), { showtimeId: st, opensAt, admitPerMinute: 1 });
    expect(await (await fan.get(`/api/queue/${st}`)).json()).toMatchObject({ state: "waiting", number: 1 });
  });
});

describe("bot check", () => {
  it("refuses a failed check at signup with a sentence and creates no account", async () => {
    const email = `bot-${Date.now()}@example.com`;
    const res = await new TestBrowser().submit("/signup", { name: "Bot", email, password: "password-123", "cf-turnstile-response": "fail" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("couldn&#x27;t confirm you&#x27;re not a bot");
    expect(await env.DB.prepare("SELECT 1 FROM users WHERE email = ?").bind(email).first()).toBeNull();
    const none = await new TestBrowser().submit("/signup", { name: "Bot", email, password: "password-123", "cf-turnstile-response": "" });
    expect(none.status).toBe(400);
  });

  it("uses Turnstile only with both keys, and refuses to run the stand-in in production", () => {
    const base = testServices();
    const withConfig = (over: Partial<typeof base.config>) => ({ config: { ...base.config, ...over } });
    expect(botCheckConfig(withConfig({ TURNSTILE_SITE_KEY: "", TURNSTILE_SECRET_KEY: "" }))).toEqual({ mode: "local", siteKey: "local" });
    expect(botCheckConfig(withConfig({ TURNSTILE_SITE_KEY: "0x4AAA", TURNSTILE_SECRET_KEY: "0x4BBB" }))).toEqual({ mode: "turnstile", siteKey: "0x4AAA" });
    expect(() => botCheckConfig(withConfig({ APP_ENV: "production" }))).toThrow(/Turnstile keys are missing/);
    expect(() => botCheckConfig(withConfig({ TURNSTILE_SITE_KEY: "0x4AAA" }))).toThrow(/both/);
  });
});

describe("operator console", () => {
  it("marks a showtime high demand, shows the queue live, pauses, resumes and changes the rate", async () => {
    const st = await createShowtime();
    const { browser, csrf } = await loggedIn("admin");
    const path = `/admin/queues/${st}`;
    expect((await post(browser, path, csrf, { intent: "open", date: "2026-13-01", time: "10:00", rate: "" })).status).toBe(422);
    expect((await post(browser, path, csrf, { intent: "open", date: "2020-01-01", time: "10:00", rate: "120" })).status).toBe(302);
    const room = roomOf(env, st);
    await room.join("someone");
    let page = await (await browser.get(path)).text();
    expect(page).toContain("Waiting");
    expect(page).toContain("120/min");
    expect((await post(browser, path, csrf, { intent: "pause" })).status).toBe(302);
    expect((await room.stats()).paused).toBe(true);
    expect(await (await browser.get(path)).text()).toContain("Resume admissions");
    expect((await post(browser, path, csrf, { intent: "resume" })).status).toBe(302);
    expect((await post(browser, path, csrf, { intent: "rate", rate: "-3" })).status).toBe(422);
    expect((await post(browser, path, csrf, { intent: "rate", rate: "30" })).status).toBe(302);
    expect(await room.stats()).toMatchObject({ paused: false, ratePerMinute: 30 });
    page = await (await browser.get(path)).text();
    expect(page).toContain("30/min");
    expect((await post(browser, path, csrf, { intent: "end" })).status).toBe(302);
    // With the room ended, holds need no admission.
    const fan = await customer();
    expect((await postHold(fan, st, ["A1"])).status).toBe(201);
    const customerPage = await loggedIn("customer");
    expect((await customerPage.browser.get(path)).status).toBe(403);
  });

  it("refuses pause, resume and rate on a show with no open room, storing nothing, and the room opens later as usual", async () => {
    const st = await createShowtime();
    const { browser, csrf } = await loggedIn("admin");
    const path = `/admin/queues/${st}`;
    const attempts: Record<string, string>[] = [{ intent: "pause" }, { intent: "resume" }, { intent: "rate", rate: "" }, { intent: "rate", rate: "30" }];
    for (const fields of attempts) {
      const res = await post(browser, path, csrf, fields);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("This show has no open waiting room. Open one first.");
    }
    // Ending is idempotent: allowed, and it leaves no room either.
    expect((await post(browser, path, csrf, { intent: "end" })).status).toBe(302);
    const fan = await customer();
    // Still no room: the API says so, and after the room object restarts it says the same.
    expect((await fan.fetch(`/api/queue/${st}`)).status).toBe(404);
    await evictDurableObject(roomObject(st));
    expect((await fan.fetch(`/api/queue/${st}`)).status).toBe(404);
    expect((await post(browser, path, csrf, { intent: "open", date: "2020-01-01", time: "10:00", rate: "60" })).status).toBe(302);
    expect((await fan.fetch(`/api/queue/${st}`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(200);
    expect((await post(browser, path, csrf, { intent: "pause" })).status).toBe(302);
    expect((await roomOf(env, st).stats()).paused).toBe(true);
  });

  it("a room object holding a state without its show (saved by a pause before any opening) wakes as no room and can be opened", async () => {
    const st = await createShowtime();
    const room = roomOf(env, st);
    // What an earlier build saved when the console paused a show that had no room (tables made, as that build made them on wake).
    await runInDurableObject(roomObject(st), (_: WaitingRoom, state: DurableObjectState) => {
      state.storage.sql.exec("CREATE TABLE _migrations (id INTEGER PRIMARY KEY)");
      state.storage.sql.exec("CREATE TABLE room (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      state.storage.sql.exec("CREATE TABLE fans (user_id TEXT PRIMARY KEY, joined_at INTEGER NOT NULL, seq INTEGER UNIQUE, admitted_at INTEGER)");
      state.storage.sql.exec("CREATE INDEX fans_pre_queue_idx ON fans (seq) WHERE seq IS NULL");
      state.storage.sql.exec("INSERT INTO _migrations (id) VALUES (0)");
      state.storage.sql.exec("INSERT INTO room (key, value) VALUES ('state', ?)", JSON.stringify({ paused: true }));
    });
    await evictDurableObject(roomObject(st));
    expect(await room.visit("someone", { join: false })).toEqual({ active: false });
    await openRoom(testServices(), { showtimeId: st, opensAt: Date.now() - 1000, admitPerMinute: 60 });
    expect((await room.join("someone")).state).not.toBe("not_joined");
    await evictDurableObject(roomObject(st));
    expect(await room.stats()).toMatchObject({ showtimeId: st, paused: false, waiting: expect.any(Number) });
  });

  it("ends a room whose end failed halfway (D1 already says ENDED while the room still gates)", async () => {
    const { st } = await onSale({ rate: 60 });
    await env.DB.prepare("UPDATE waiting_rooms SET status = 'ENDED' WHERE showtime_id = ?").bind(st).run();
    expect(await roomOf(env, st).summary()).toMatchObject({ active: true });
    const { browser, csrf } = await loggedIn("admin");
    expect((await post(browser, `/admin/queues/${st}`, csrf, { intent: "end" })).status).toBe(302);
    expect(await roomOf(env, st).summary()).toEqual({ active: false });
    const fan = await customer();
    expect((await postHold(fan, st, ["A2"])).status).toBe(201);
  });
});
