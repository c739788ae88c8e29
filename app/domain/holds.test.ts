import { describe, expect, it } from "vitest";
import { checkBlock, checkClaim, checkHoldRequest, describeRefusal, isLive, nextAlarmAt, type Occupant } from "./holds";

const showtime = { seatIds: new Set(["A1", "A2", "A3", "B1"]), startsAt: 10_000, status: "SCHEDULED" as const };
const rules = { maxSeatsPerUser: 2, ttlMs: 600_000 };

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
