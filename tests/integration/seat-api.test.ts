import { exports, env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seatsOf } from "#app/seats/gateway.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { signUpVerified } from "../helpers/accounts";
import { seatObject } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

let n = 0;
async function loggedIn() {
  const browser = new TestBrowser(`10.1.0.${++n}`);
  const res = await signUpVerified(browser, { name: `Fan ${n}`, email: `api-${n}-${Date.now()}@example.com` });
  expect(res.status).toBe(302);
  return browser;
}

function postHold(browser: TestBrowser, showtimeId: string, body: string, headers: Record<string, string> = {}) {
  return browser.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  return body;
}

describe("seat JSON API", () => {
  it("creates a hold (201), shows it in the seat map, and releases it", async () => {
    const st = await createShowtime();
    const fan = await loggedIn();
    const res = await postHold(fan, st, JSON.stringify({ seatIds: ["C7", "C8"] }));
    expect(res.status).toBe(201);
    const hold = (await res.json()) as { holdId: string; seatIds: string[]; expiresAt: number; serverNow: number };
    expect(hold.seatIds).toEqual(["C7", "C8"]);
    expect(hold.expiresAt - hold.serverNow).toBeGreaterThan(Number(env.HOLD_TTL_SECONDS) * 1000 - 5000);

    const mine = (await (await fan.get(`/api/showtimes/${st}/seats`)).json()) as { seats: Record<string, string> };
    expect(mine.seats).toEqual({ C7: "yours", C8: "yours" });
    const theirs = (await (await new TestBrowser().get(`/api/showtimes/${st}/seats`)).json()) as { seats: Record<string, string> };
    expect(theirs.seats).toEqual({ C7: "held", C8: "held" });

    const del = await fan.fetch(`/api/showtimes/${st}/holds/${hold.holdId}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    const after = (await (await fan.get(`/api/showtimes/${st}/seats`)).json()) as { seats: Record<string, string> };
    expect(after.seats).toEqual({});
  });

  it("answers 409 naming the seats someone else holds", async () => {
    const st = await createShowtime();
    await postHold(await loggedIn(), st, JSON.stringify({ seatIds: ["D1"] }));
    const body = await expectError(await postHold(await loggedIn(), st, JSON.stringify({ seatIds: ["D1", "D2"] })), 409, "seats_unavailable");
    expect(body).toMatchObject({ error: { seats: [{ seatId: "D1", reason: "held_by_other" }], message: expect.stringContaining("D1 was just taken") } });
  });

  it("rejects hostile and invalid input with a clear 4xx and no state change", async () => {
    const st = await createShowtime();
    const other = await createShowtime({ screenId: "scr-mum-regal-2" });
    const fan = await loggedIn();
    await expectError(await postHold(new TestBrowser(), st, JSON.stringify({ seatIds: ["A1"] })), 401, "unauthenticated");
    await expectError(await postHold(fan, st, "{not json"), 400, "invalid_json");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: "A1" })), 422, "invalid_input");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: [1, 2] })), 422, "invalid_input");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["'; DROP TABLE seats; --"] })), 422, "invalid_input");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: [] })), 422, "no_seats");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["A1"], userId: "someone-else" })), 422, "invalid_input");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: Array.from({ length: 11 }, (_, i) => `E${i + 1}`) })), 422, "too_many_seats");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["Z1"] })), 422, "seats_unavailable");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["A1", "A1"] })), 422, "seats_unavailable");
    await expectError(await postHold(fan, other, JSON.stringify({ seatIds: ["P1"] })), 422, "seats_unavailable"); // row P exists only on screen 1
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["A1"], pad: "x".repeat(20_000) })), 413, "body_too_large");
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["A1"] }), { "Content-Type": "text/plain" }), 415, "unsupported_media_type");
    await expectError(await postHold(fan, "no-such-show", JSON.stringify({ seatIds: ["A1"] })), 404, "showtime_not_found");
    await expectError(await postHold(fan, "bad%20id!", JSON.stringify({ seatIds: ["A1"] })), 400, "invalid_id");
    const cross = await postHold(fan, st, JSON.stringify({ seatIds: ["A1"] }), { Origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    for (const id of [st, other]) {
      expect((await seatsOf(env, id).snapshot(null)).seats).toEqual({});
    }
  });

  it("stops accepting a session for holds as soon as it logs out, even with a copied cookie", async () => {
    const st = await createShowtime();
    const fan = await loggedIn();
    expect((await postHold(fan, st, JSON.stringify({ seatIds: ["B2"] }))).status).toBe(201);
    const copied = fan.cookies.get("marquee_session")!;
    const signedCsrf = decodeURIComponent(fan.cookies.get("marquee_csrf")!);
    const out = await fan.submit("/logout", {}, { csrf: signedCsrf.slice(0, signedCsrf.lastIndexOf(".")) });
    expect(out.status).toBe(302);
    fan.cookies.set("marquee_session", copied);
    await expectError(await postHold(fan, st, JSON.stringify({ seatIds: ["B3"] })), 401, "unauthenticated");
  });

  it("answers 410 once the show has started", async () => {
    const st = await createShowtime({ startsInMs: -1000 });
    await expectError(await postHold(await loggedIn(), st, JSON.stringify({ seatIds: ["A1"] })), 410, "showtime_started");
  });

  it("does not reveal or release another user's hold", async () => {
    const st = await createShowtime();
    const owner = await loggedIn();
    const { holdId } = (await (await postHold(owner, st, JSON.stringify({ seatIds: ["F3"] }))).json()) as { holdId: string };
    const stranger = await loggedIn();
    expect((await stranger.get(`/api/showtimes/${st}/holds/${holdId}`)).status).toBe(404);
    expect((await stranger.fetch(`/api/showtimes/${st}/holds/${holdId}`, { method: "DELETE" })).status).toBe(404);
    expect((await owner.get(`/api/showtimes/${st}/holds/${holdId}`)).status).toBe(200);
    await runInDurableObject(seatObject(st), (i: ShowtimeSeats) => {
      i.clockSkewMs = 86_400_000;
    });
    await runDurableObjectAlarm(seatObject(st));
  });
});

describe("live seat map over WebSocket", () => {
  async function connect(showtimeId: string, browser?: TestBrowser) {
    const headers: Record<string, string> = { Upgrade: "websocket" };
    if (browser) headers.Cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await exports.default.fetch(`http://localhost/api/showtimes/${showtimeId}/live`, { headers });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: { type: string; seats: Record<string, string> }[] = [];
    const waiters: (() => void)[] = [];
    ws.addEventListener("message", (e) => {
      messages.push(JSON.parse(e.data as string));
      waiters.splice(0).forEach((w) => w());
    });
    ws.accept();
    const next = async (predicate: (m: (typeof messages)[number]) => boolean) => {
      for (let i = 0; i < 50; i++) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise<void>((r) => waiters.push(r));
      }
      throw new Error("no such message");
    };
    return { ws, messages, next };
  }

  it("sends a snapshot, then a second client sees the first client's hold as held and the holder as yours", async () => {
    const st = await createShowtime();
    const alice = await loggedIn();
    const aliceLive = await connect(st, alice);
    const bobLive = await connect(st);
    await aliceLive.next((m) => m.type === "snapshot");
    await bobLive.next((m) => m.type === "snapshot");
    await postHold(alice, st, JSON.stringify({ seatIds: ["B4", "B5"] }));
    expect((await bobLive.next((m) => m.type === "delta")).seats).toEqual({ B4: "held", B5: "held" });
    expect((await aliceLive.next((m) => m.type === "delta")).seats).toEqual({ B4: "yours", B5: "yours" });
    aliceLive.ws.close();
    bobLive.ws.close();
    await runInDurableObject(seatObject(st), (i: ShowtimeSeats) => {
      i.clockSkewMs = 86_400_000;
    });
    await runDurableObjectAlarm(seatObject(st));
  });

  it("refuses a plain GET and a foreign origin", async () => {
    const st = await createShowtime();
    expect((await exports.default.fetch(`http://localhost/api/showtimes/${st}/live`)).status).toBe(426);
    const foreign = await exports.default.fetch(`http://localhost/api/showtimes/${st}/live`, { headers: { Upgrade: "websocket", Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
  });
});
