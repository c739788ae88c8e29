import { exports } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { SnapshotCache, SNAPSHOT_MAX_AGE_MS } from "#app/seats/snapshot-cache.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime, sellInD1 } from "#tests/helpers/showtimes";
import { signUpVerified } from "#tests/helpers/accounts";
import { seatObject } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

const stub = (showtimeId: string) => seatObject(showtimeId);

/** A cache on its own clock: each test moves `t` instead of sleeping. */
function cacheFor(showtimeId: string, maxAgeMs = SNAPSHOT_MAX_AGE_MS) {
  const cache = new SnapshotCache(maxAgeMs);
  const load = () => stub(showtimeId).sharedSnapshot();
  let t = Date.now();
  return {
    cache,
    load,
    version: async () => (await cache.shared(showtimeId, t, load)).version,
    seats: async () => (await cache.shared(showtimeId, t, load)).seats,
    later: (ms = maxAgeMs) => {
      t += ms;
    },
    at: (when: number) => {
      t = when;
    },
  };
}

async function settle(showtimeId: string) {
  await runInDurableObject(stub(showtimeId), (i: ShowtimeSeats) => {
    i.clockSkewMs += 86_400_000;
  });
  while (await runDurableObjectAlarm(stub(showtimeId))) {
    // until nothing is pending
  }
}

describe("the seat map a page sees", () => {
  it("serves one version from cache, without asking the object, until its max age", async () => {
    const st = await createShowtime();
    const c = cacheFor(st);
    const first = await c.version();
    await Promise.all(Array.from({ length: 20 }, () => c.version()));
    expect(c.cache.loads).toBe(1);
    await stub(st).hold("fan-a", ["A1"]);
    // Still inside the max age: the page may show the map from a moment ago.
    expect(await c.version()).toBe(first);
    c.later();
    expect(await c.version()).toBeGreaterThan(first);
    expect(c.cache.loads).toBe(2);
    await settle(st);
  });

  it("changes version after a sale, an extension, a release, an expiry and a block", async () => {
    const st = await createShowtime();
    const c = cacheFor(st);
    const seen = [await c.version()];
    const step = async () => {
      c.later();
      const v = await c.version();
      expect(v, `version after step ${seen.length}`).toBeGreaterThan(seen.at(-1)!);
      seen.push(v);
    };

    // A sale: claimed for a paid booking, then confirmed by D1.
    const held = await stub(st).hold("buyer", ["B1", "B2"]);
    expect(held.ok).toBe(true);
    await step();
    expect((await stub(st).claimForBooking("bk-snap-1", "buyer", ["B1", "B2"])).ok).toBe(true);
    await sellInD1(st, "bk-snap-1", ["B1", "B2"]);
    await stub(st).confirmSale("bk-snap-1");
    await step();
    expect(await c.seats()).toMatchObject({ B1: "sold", B2: "sold" });

    // An extension: no seat changes state, but the snapshot shows the new expiry.
    const other = await stub(st).hold("browser", ["C1"]);
    if (!other.ok) throw new Error("hold refused");
    await step();
    expect((await stub(st).extend("browser", other.hold.holdId)).ok).toBe(true);
    await step();

    // A release.
    expect(await stub(st).release("browser", other.hold.holdId)).toBe(true);
    await step();

    // An expiry, by the object's alarm.
    await stub(st).hold("sleeper", ["D1"]);
    await step();
    await runInDurableObject(stub(st), (i: ShowtimeSeats) => {
      i.clockSkewMs += 3 * 3600_000;
    });
    await runDurableObjectAlarm(stub(st));
    await step();

    // A block by the box office.
    expect((await stub(st).block(["E1"])).ok).toBe(true);
    await step();
    expect(await c.seats()).toEqual({ B1: "sold", B2: "sold", E1: "blocked" });
    await settle(st);
  });

  it("never goes back to an older version when the object restarts", async () => {
    const st = await createShowtime();
    expect((await stub(st).hold("restart-fan", ["C1"])).ok).toBe(true);
    const before = (await stub(st).sharedSnapshot()).version;
    await evictDurableObject(stub(st));
    const after = await stub(st).sharedSnapshot();
    expect(after.version).toBeGreaterThan(before);
    expect(after.seats.C1).toBe("held");
  });

  it("never serves a hold past its expiry, however long the max age", async () => {
    const st = await createShowtime();
    const c = cacheFor(st, 24 * 3600_000);
    const held = await stub(st).hold("fan-x", ["F1"]);
    if (!held.ok) throw new Error("hold refused");
    expect((await c.cache.shared(st, Date.now(), c.load)).seats).toEqual({ F1: "held" });
    await runInDurableObject(stub(st), (i: ShowtimeSeats) => {
      i.clockSkewMs += held.hold.expiresAt - Date.now() + 1000;
    });
    await runDurableObjectAlarm(stub(st));
    c.at(held.hold.expiresAt);
    expect(await c.version()).toBeGreaterThan(0);
    expect((await c.cache.shared(st, held.hold.expiresAt, c.load)).seats).toEqual({});
    expect(c.cache.loads).toBe(2);
    await settle(st);
  });

  it("shows a fan their own held seats as theirs, from the shared copy", async () => {
    const st = await createShowtime();
    await stub(st).hold("fan-1", ["G1", "G2"]);
    await stub(st).hold("fan-2", ["G3"]);
    const c = cacheFor(st);
    const now = Date.now();
    expect((await c.cache.forViewer(st, "fan-1", now, c.load)).seats).toEqual({ G1: "yours", G2: "yours", G3: "held" });
    expect((await c.cache.forViewer(st, "fan-1", now, c.load)).yourHold?.seatIds).toEqual(["G1", "G2"]);
    expect((await c.cache.forViewer(st, null, now, c.load)).seats).toEqual({ G1: "held", G2: "held", G3: "held" });
    expect((await c.cache.forViewer(st, "fan-3", now, c.load)).yourHold).toBeNull();
    expect(c.cache.loads).toBe(1);
    await settle(st);
  });

  it("shows the page a newer version right after the fan's own hold through the API", async () => {
    const st = await createShowtime();
    const fan = new TestBrowser();
    expect((await signUpVerified(fan)).status).toBe(302);
    const pageVersion = async () => {
      const html = await (await fan.get(`/showtimes/${st}`)).text();
      return { version: Number(/data-seat-version="(\d+)"/.exec(html)?.[1]), html };
    };
    const before = await pageVersion();
    const res = await fan.fetch(`/api/showtimes/${st}/holds`, { method: "POST", body: JSON.stringify({ seatIds: ["H4"] }), headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(201);
    const after = await pageVersion();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.html).toMatch(/data-seat="H4"[^>]*data-state="yours"/);
    await settle(st);
  });
});

describe("live viewers who vanish", () => {
  it("survives viewers that drop off without a close frame, and keeps serving the rest", async () => {
    const st = await createShowtime();
    const open = async () => {
      const res = await exports.default.fetch(`http://localhost/api/showtimes/${st}/live`, { headers: { Upgrade: "websocket" } });
      expect(res.status).toBe(101);
      const ws = res.webSocket!;
      const delta = new Promise<Record<string, string>>((resolve) => {
        ws.addEventListener("message", (e) => {
          const m = JSON.parse(e.data as string) as { type: string; seats: Record<string, string> };
          if (m.type === "delta") resolve(m.seats);
        });
      });
      ws.accept();
      return { ws, delta };
    };
    await open();
    await open();
    // What the runtime reports when a phone's TCP connection dies: 1006 (no close frame), or an error.
    await runInDurableObject(stub(st), async (instance: ShowtimeSeats, state) => {
      const [gone, broken] = state.getWebSockets();
      await instance.webSocketClose(gone!, 1006, "", false);
      await instance.webSocketClose(gone!, 1006, "", false);
      await instance.webSocketError(broken!, new Error("connection reset"));
    });
    const stayer = await open();
    const held = await stub(st).hold("after-drop", ["J7"]);
    expect(held.ok).toBe(true);
    expect(await stayer.delta).toEqual({ J7: "held" });
    stayer.ws.close();
    await settle(st);
  });
});
