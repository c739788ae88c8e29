import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seatsOf } from "#app/seats/gateway.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime, sellInD1 } from "#tests/helpers/showtimes";
import { seatObject } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

const TTL_MS = Number(env.HOLD_TTL_SECONDS) * 1000;

/** Moves the object's clock forward instead of sleeping. */
async function advance(showtimeId: string, ms: number) {
  await runInDurableObject(seatObject(showtimeId), (instance: ShowtimeSeats) => {
    instance.clockSkewMs += ms;
  });
}

describe("holding seats", () => {
  it("gives each of 100 racing users either all their seats or none, never a seat twice", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const rows = ["A", "B", "C"];
    // Overlapping pairs: user i wants seat i and seat i+1 of a 34-seat stretch.
    const wanted = Array.from({ length: 100 }, (_, i) => {
      const a = i % 18;
      return [`${rows[i % 3]}${a + 1}`, `${rows[i % 3]}${((a + 1) % 18) + 1}`];
    });
    const results = await Promise.all(wanted.map((ids, i) => seats.hold(`racer-${i}`, ids)));
    const owner = new Map<string, string>();
    results.forEach((r, i) => {
      if (!r.ok) return;
      for (const seatId of r.hold.seatIds) {
        expect(owner.has(seatId), `${seatId} held twice`).toBe(false);
        owner.set(seatId, `racer-${i}`);
      }
      expect(r.hold.seatIds).toEqual(wanted[i]);
    });
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
    const snap = await seats.snapshot(null);
    expect(Object.keys(snap.seats).sort()).toEqual([...owner.keys()].sort());
    await cleanUp(st);
  });

  it("replaces a user's previous selection atomically and shows it as theirs", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const first = await seats.hold("u1", ["C1", "C2"]);
    const second = await seats.hold("u1", ["C2", "C3"]);
    expect(first.ok && second.ok).toBe(true);
    const mine = await seats.snapshot("u1");
    expect(mine.seats).toEqual({ C2: "yours", C3: "yours" });
    expect((await seats.snapshot("u2")).seats).toEqual({ C2: "held", C3: "held" });
    if (first.ok) expect(await seats.getHold(first.hold.holdId)).toBeNull();
    await cleanUp(st);
  });

  it("refuses seats held by someone else, naming them, and changes nothing", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("alice", ["D5"]);
    const bob = await seats.hold("bob", ["D4", "D5", "D6"]);
    expect(bob).toEqual({ ok: false, refusal: { code: "seats_unavailable", seats: [{ seatId: "D5", reason: "held_by_other" }] } });
    expect((await seats.snapshot(null)).seats).toEqual({ D5: "held" });
    await cleanUp(st);
  });

  it("enforces the per-user limit and the layout", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const eleven = Array.from({ length: 11 }, (_, i) => `E${i + 1}`);
    expect(await seats.hold("u", eleven)).toEqual({ ok: false, refusal: { code: "too_many_seats", max: 10 } });
    expect(await seats.hold("u", [])).toEqual({ ok: false, refusal: { code: "no_seats" } });
    expect(await seats.hold("u", ["A1", "A1"])).toMatchObject({ refusal: { seats: [{ seatId: "A1", reason: "duplicate_seat" }] } });
    // Screen 2 has no row O; another screen's seat ids are unknown here.
    const small = await createShowtime({ screenId: "scr-mum-regal-2" });
    expect(await seatsOf(env, small).hold("u", ["O1"])).toMatchObject({ refusal: { seats: [{ seatId: "O1", reason: "unknown_seat" }] } });
    expect((await seats.snapshot(null)).seats).toEqual({});
    await cleanUp(st);
    await cleanUp(small);
  });

  it("refuses a show that has started, is cancelled, or does not exist", async () => {
    const started = await createShowtime({ startsInMs: -60_000 });
    expect(await seatsOf(env, started).hold("u", ["A2"])).toEqual({ ok: false, refusal: { code: "showtime_started" } });
    const cancelled = await createShowtime({ status: "CANCELLED" });
    expect(await seatsOf(env, cancelled).hold("u", ["A2"])).toEqual({ ok: false, refusal: { code: "showtime_unavailable" } });
    expect(await seatsOf(env, "st-nope").hold("u", ["A2"])).toEqual({ ok: false, refusal: { code: "showtime_not_found" } });
  });
});

describe("expiry", () => {
  it("treats a hold as gone once expired, before the alarm runs, then the alarm sweeps it", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const held = await seats.hold("u1", ["F1", "F2"]);
    expect(held.ok).toBe(true);
    await advance(st, TTL_MS + 1);
    expect((await seats.snapshot(null)).seats).toEqual({});
    if (held.ok) expect(await seats.getHold(held.hold.holdId)).toBeNull();
    expect((await seats.hold("u2", ["F1"])).ok).toBe(true);
    await cleanUp(st);
  });

  it("releases due holds when the alarm fires, keeps the rest, and a repeated alarm does no harm", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("early", ["G1"]);
    await advance(st, TTL_MS / 2);
    await seats.hold("late", ["G2"]);
    await advance(st, TTL_MS / 2 + 1);
    expect(await runDurableObjectAlarm(seatObject(st))).toBe(true);
    expect((await seats.snapshot(null)).seats).toEqual({ G2: "held" });
    // The alarm re-armed for the later hold; running it early (a spurious delivery) changes nothing.
    expect(await runDurableObjectAlarm(seatObject(st))).toBe(true);
    expect((await seats.snapshot(null)).seats).toEqual({ G2: "held" });
    await advance(st, TTL_MS);
    expect(await runDurableObjectAlarm(seatObject(st))).toBe(true);
    expect((await seats.snapshot(null)).seats).toEqual({});
    expect(await runDurableObjectAlarm(seatObject(st))).toBe(false); // nothing left armed
    const rows = await runInDurableObject(seatObject(st), (_i, state) => state.storage.sql.exec("SELECT COUNT(*) AS n FROM holds").one());
    expect(rows.n).toBe(0);
  });
});

describe("durability", () => {
  it("keeps holds across eviction", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    const held = await seats.hold("u1", ["H3", "H4"]);
    await evictDurableObject(seatObject(st));
    expect((await seats.snapshot("u1")).seats).toEqual({ H3: "yours", H4: "yours" });
    if (held.ok) expect((await seats.getHold(held.hold.holdId))?.seatIds).toEqual(["H3", "H4"]);
    expect((await seats.hold("u2", ["H3"])).ok).toBe(false);
    await cleanUp(st);
  });

  it("a cold object loads the showtime's CONFIRMED seats from D1 before serving", async () => {
    const st = await createShowtime();
    await sellInD1(st, `bk-${st}`, ["J1", "J2"]);
    const seats = seatsOf(env, st);
    expect((await seats.snapshot(null)).seats).toEqual({ J1: "sold", J2: "sold" });
    expect(await seats.hold("u", ["J2", "J3"])).toMatchObject({ refusal: { seats: [{ seatId: "J2", reason: "sold" }] } });
    // After eviction the object has no memory: it must reload from D1 again.
    await evictDurableObject(seatObject(st));
    await sellInD1(st, `bk2-${st}`, ["J9"]);
    expect((await seats.snapshot(null)).seats).toEqual({ J1: "sold", J2: "sold", J9: "sold" });
  });
});

describe("claims and sales", () => {
  it("claims a user's held seats for a booking, confirms the sale, and never puts D1-confirmed seats back", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("buyer", ["K1", "K2"]);
    expect(await seats.claimForBooking("bk-1", "buyer", ["K1", "K2"])).toEqual({ ok: true });
    expect(await seats.claimForBooking("bk-1", "buyer", ["K1", "K2"])).toEqual({ ok: true }); // idempotent
    expect((await seats.snapshot("other")).seats).toEqual({ K1: "sold", K2: "sold" });
    await sellInD1(st, "bk-1", ["K1", "K2"], "usr-demo-customer");
    await seats.confirmSale("bk-1");
    await seats.releaseBooking("bk-1"); // a late, wrong release must not undo a D1 sale
    expect((await seats.snapshot(null)).seats).toEqual({ K1: "sold", K2: "sold" });
    await cleanUp(st);
  });

  it("refuses a claim on seats someone else holds, and releases a claim D1 never confirmed", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("other", ["L5"]);
    expect(await seats.claimForBooking("bk-late", "late", ["L5", "L6"])).toEqual({ ok: false, seats: [{ seatId: "L5", reason: "held_by_other" }] });
    expect(await seats.claimForBooking("bk-free", "late", ["L6"])).toEqual({ ok: true });
    // The payment flow died before D1: past the claim deadline the alarm asks D1 and frees the seat.
    await advance(st, TTL_MS + 5 * 60_000);
    await runDurableObjectAlarm(seatObject(st));
    expect((await seats.snapshot(null)).seats).toEqual({});
  });

  it("blocks and unblocks seats for operators", async () => {
    const st = await createShowtime();
    const seats = seatsOf(env, st);
    await seats.hold("u", ["M1"]);
    expect(await seats.block(["M1", "M2"])).toEqual({ ok: false, seats: [{ seatId: "M1", reason: "held_by_other" }] });
    expect(await seats.block(["M2", "M3"])).toEqual({ ok: true });
    expect(await seats.hold("v", ["M3"])).toMatchObject({ refusal: { seats: [{ seatId: "M3", reason: "blocked" }] } });
    await seats.unblock(["M3"]);
    expect((await seats.hold("v", ["M3"])).ok).toBe(true);
    await cleanUp(st);
  });
});

/** Leaves no alarm behind: expire everything and let the final alarm run. */
async function cleanUp(showtimeId: string) {
  await advance(showtimeId, 24 * 3600_000);
  while (await runDurableObjectAlarm(seatObject(showtimeId))) {
    // each run re-arms only while something is pending
  }
}
