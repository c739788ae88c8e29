import { describe, expect, it } from "vitest";
import {
  checkBlock,
  checkClaim,
  checkHoldRequest,
  cooldownUntil,
  describeRefusal,
  extendHoldLife,
  isLive,
  nextAlarmAt,
  nextHoldLife,
  seatsOwnedBy,
  type Occupant,
} from "./holds";

const showtime = { seatIds: new Set(["A1", "A2", "A3", "B1"]), startsAt: 10_000, status: "SCHEDULED" as const };
const rules = { maxSeatsPerUser: 2, ttlMs: 600_000, extendMs: 300_000, ceilingMs: 800_000, cooldownMs: 120_000 };

function check(seatIds: string[], occupants: Record<string, Occupant> = {}, now = 1_000, userId = "u1") {
  return checkHoldRequest({ userId, seatIds, showtime, rules, now, occupantOf: (id) => occupants[id] });
}

describe("hold rules", () => {
  it("accepts free seats and seats the user already holds", () => {
    expect(check(["A1", "A2"])).toBeNull();
    expect(check(["A1"], { A1: { kind: "held", userId: "u1", holdId: "h", expiresAt: 5_000 } })).toBeNull();
  });

  it("names every unavailable seat and why", () => {
    const refusal = check(["A1", "A2"], {
      A1: { kind: "held", userId: "u2", holdId: "h", expiresAt: 5_000 },
      A2: { kind: "sold", bookingId: "b" },
    });
    expect(refusal).toEqual({
      code: "seats_unavailable",
      seats: [
        { seatId: "A1", reason: "held_by_other" },
        { seatId: "A2", reason: "sold" },
      ],
    });
    expect(describeRefusal(refusal!)).toBe("A1 was just taken by someone else; A2 is already sold. Please pick other seats.");
  });

  it("treats an expired hold as free before any alarm runs", () => {
    const stale: Occupant = { kind: "held", userId: "u2", holdId: "h", expiresAt: 1_000 };
    expect(isLive(stale, 1_000)).toBe(false);
    expect(check(["A1"], { A1: stale }, 1_000)).toBeNull();
  });

  it("refuses unknown and duplicate seats, claims and blocks", () => {
    expect(check(["Z9", "A1"])).toEqual({ code: "seats_unavailable", seats: [{ seatId: "Z9", reason: "unknown_seat" }] });
    expect(check(["A1", "A1"])).toEqual({ code: "seats_unavailable", seats: [{ seatId: "A1", reason: "duplicate_seat" }] });
    expect(check(["A3"], { A3: { kind: "blocked" } })).toMatchObject({ seats: [{ reason: "blocked" }] });
    expect(check(["A3"], { A3: { kind: "claimed", bookingId: "b", userId: "u1", expiresAt: 1 } })).toMatchObject({
      seats: [{ reason: "sold" }],
    });
  });

  it("enforces the seat count and the show start", () => {
    expect(check([])).toEqual({ code: "no_seats" });
    expect(check(["A1", "A2", "A3"])).toEqual({ code: "too_many_seats", max: 2 });
    expect(check(["A1"], {}, 10_000)).toEqual({ code: "showtime_started" });
    expect(
      checkHoldRequest({ userId: "u", seatIds: ["A1"], showtime: { ...showtime, status: "CANCELLED" }, rules, now: 0, occupantOf: () => undefined }),
    ).toEqual({ code: "showtime_unavailable" });
  });

  it("arms the alarm at the earliest deadline", () => {
    expect(nextAlarmAt([30, 10, 20])).toBe(10);
    expect(nextAlarmAt([])).toBeNull();
  });

  it("keeps a live hold's start, deadline and extension when seats change; only a user with no live hold starts afresh", () => {
    const live = { createdAt: 1_000, expiresAt: 601_000, extended: true };
    expect(nextHoldLife(live, 300_000, rules)).toEqual(live);
    expect(nextHoldLife(live, 601_000, rules)).toEqual({ createdAt: 601_000, expiresAt: 1_201_000, extended: false });
    expect(nextHoldLife(null, 5, rules)).toEqual({ createdAt: 5, expiresAt: 600_005, extended: false });
  });

  it("allows one extension, capped at the ceiling from the first hold", () => {
    const life = { createdAt: 0, expiresAt: 600_000, extended: false };
    const once = extendHoldLife(life, 100, rules);
    // 600 s + 300 s would be 900 s, past the 800 s ceiling.
    expect(once).toEqual({ ok: true, life: { createdAt: 0, expiresAt: 800_000, extended: true } });
    if (once.ok) expect(extendHoldLife(once.life, 200, rules)).toEqual({ ok: false, reason: "already_extended" });
    expect(extendHoldLife({ createdAt: 0, expiresAt: 800_000, extended: false }, 100, rules)).toEqual({ ok: false, reason: "at_ceiling" });
    expect(extendHoldLife(life, 600_000, rules)).toEqual({ ok: false, reason: "no_hold" });
    expect(extendHoldLife(null, 0, rules)).toEqual({ ok: false, reason: "no_hold" });
  });

  it("cools a user down after a hold ends, but not while they are changing a live hold", () => {
    expect(cooldownUntil(10_000, rules)).toBe(130_000);
    expect(cooldownUntil(10_000, { ...rules, cooldownMs: 0 })).toBeNull();
    const args = { userId: "u1", seatIds: ["A1"], showtime, rules, now: 1_000, occupantOf: () => undefined };
    const refusal = checkHoldRequest({ ...args, cooldownUntil: 61_000 });
    expect(refusal).toEqual({ code: "cooling_down", retryAt: 61_000 });
    expect(describeRefusal(refusal!, 1_000)).toBe("Your last hold on this show has just ended. You can hold seats again in 60 seconds.");
    expect(checkHoldRequest({ ...args, cooldownUntil: 61_000, hasLiveHold: true })).toBeNull();
    expect(checkHoldRequest({ ...args, cooldownUntil: 1_000 })).toBeNull();
  });

  it("counts seats already bought or being paid for against the per-show limit", () => {
    const occupants: Occupant[] = [
      { kind: "sold", bookingId: "b1", userId: "u1" },
      { kind: "claimed", bookingId: "b2", userId: "u1", expiresAt: 9 },
      { kind: "sold", bookingId: "b3", userId: "u2" },
      { kind: "held", userId: "u1", holdId: "h", expiresAt: 9 },
    ];
    expect(seatsOwnedBy(occupants, "u1")).toBe(2);
    expect(seatsOwnedBy(occupants, "u1", "b2")).toBe(1);
    const refusal = checkHoldRequest({ userId: "u1", seatIds: ["A1"], showtime, rules, now: 1_000, occupantOf: () => undefined, ownedSeats: 2 });
    expect(refusal).toEqual({ code: "show_limit_reached", max: 2, owned: 2 });
    expect(describeRefusal(refusal!)).toBe("You already have 2 seats for this show, the most one person can book.");
    expect(checkHoldRequest({ userId: "u1", seatIds: ["A1"], showtime, rules, now: 1_000, occupantOf: () => undefined, ownedSeats: 1 })).toBeNull();
  });
});

describe("claim and block rules", () => {
  const facts = { seatIds: new Set(["A1", "A2", "A3"]), status: "SCHEDULED" as const };
  const occupants: Record<string, Occupant> = {
    A1: { kind: "held", userId: "buyer", holdId: "h1", expiresAt: 5_000 },
    A2: { kind: "held", userId: "other", holdId: "h2", expiresAt: 5_000 },
    A3: { kind: "claimed", bookingId: "b1", userId: "buyer", expiresAt: 5_000 },
  };
  const occupantOf = (id: string) => occupants[id];

  it("lets a booking claim free seats, its buyer's held seats and its own claim again, nothing else", () => {
    expect(checkClaim({ bookingId: "b1", userId: "buyer", seatIds: ["A1", "A3"], showtime: facts, now: 1_000, occupantOf })).toEqual([]);
    expect(checkClaim({ bookingId: "b2", userId: "buyer", seatIds: ["A2", "A3", "Z9"], showtime: facts, now: 1_000, occupantOf })).toEqual([
      { seatId: "A2", reason: "held_by_other" },
      { seatId: "A3", reason: "sold" },
      { seatId: "Z9", reason: "unknown_seat" },
    ]);
    // Once the other fan's hold has lapsed, the seat is free to claim.
    expect(checkClaim({ bookingId: "b2", userId: "buyer", seatIds: ["A2"], showtime: facts, now: 6_000, occupantOf })).toEqual([]);
  });

  it("refuses every seat of a cancelled show", () => {
    expect(checkClaim({ bookingId: "b1", userId: "buyer", seatIds: ["A1"], showtime: { ...facts, status: "CANCELLED" }, now: 1_000, occupantOf })).toEqual([
      { seatId: "A1", reason: "show_cancelled" },
    ]);
  });

  it("blocks only known seats nobody holds, has paid for or bought", () => {
    expect(checkBlock({ seatIds: ["A1", "A3", "Q1"], showtime: facts, now: 1_000, occupantOf })).toEqual([
      { seatId: "A1", reason: "held_by_other" },
      { seatId: "A3", reason: "sold" },
      { seatId: "Q1", reason: "unknown_seat" },
    ]);
    expect(checkBlock({ seatIds: ["A1", "A2"], showtime: facts, now: 6_000, occupantOf })).toEqual([]);
    expect(checkBlock({ seatIds: ["A1"], showtime: null, now: 1_000, occupantOf })).toEqual([{ seatId: "A1", reason: "unknown_seat" }]);
  });
});
