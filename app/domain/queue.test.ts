import { describe, expect, it } from "vitest";
import { admit, cryptoRandom, derivedRate, describeWaitEstimate, drawOrder, estimatedWaitSeconds, fanStatus, pollAfterSeconds, POLL_SECONDS } from "./queue";

describe("the draw at opening", () => {
  it("is a permutation, and each fan is equally likely to be first whatever their arrival", () => {
    const fans = ["a", "b", "c", "d"];
    const firsts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 4000; i++) {
      const order = drawOrder(fans, cryptoRandom);
      expect([...order].sort()).toEqual(fans);
      firsts[order[0]!]! += 1;
    }
    // 1000 expected each; ±20 % is far outside chance for a fair shuffle to miss.
    for (const n of Object.values(firsts)) {
      expect(n).toBeGreaterThan(800);
      expect(n).toBeLessThan(1200);
    }
  });

  it("follows the random source exactly (Fisher–Yates)", () => {
    expect(drawOrder([1, 2, 3], () => 0)).toEqual([2, 3, 1]);
    expect(drawOrder([1, 2, 3], (n) => n - 1)).toEqual([1, 2, 3]);
  });
});

describe("admissions", () => {
  it("admits at the configured rate, carrying fractions over", () => {
    let state = { credit: 0, lastTick: 0 };
    let total = 0;
    for (let t = 1000; t <= 60_000; t += 1000) {
      const r = admit(state, { now: t, ratePerMinute: 90, waiting: 1000, paused: false, soldOut: false });
      total += r.admit;
      state = r.state;
    }
    expect(total).toBe(90);
  });

  it("admits nobody while paused or sold out, and banks no burst meanwhile", () => {
    const paused = admit({ credit: 0, lastTick: 0 }, { now: 60_000, ratePerMinute: 60, waiting: 100, paused: true, soldOut: false });
    expect(paused).toEqual({ admit: 0, state: { credit: 0, lastTick: 60_000 } });
    expect(admit({ credit: 5, lastTick: 0 }, { now: 60_000, ratePerMinute: 60, waiting: 100, paused: false, soldOut: true }).admit).toBe(0);
  });

  it("never admits more than are waiting, and an idle room keeps at most one admission in hand", () => {
    const r = admit({ credit: 0, lastTick: 0 }, { now: 600_000, ratePerMinute: 60, waiting: 3, paused: false, soldOut: false });
    expect(r.admit).toBe(3);
    expect(r.state.credit).toBe(1);
  });

  it("derives a rate from seats left, capped by the seat object's capacity", () => {
    expect(derivedRate(40, 600)).toBe(40);
    expect(derivedRate(5000, 600)).toBe(600);
    expect(derivedRate(0, 600)).toBe(1);
  });

  it("estimates the wait from the position and the rate", () => {
    expect(estimatedWaitSeconds(0, 60)).toBe(1);
    expect(estimatedWaitSeconds(119, 60)).toBe(120);
    expect(estimatedWaitSeconds(5, 0)).toBeNull();
    expect(describeWaitEstimate(120)).toBe("About 2 minutes.");
    expect(describeWaitEstimate(30)).toBe("Less than a minute.");
    expect(describeWaitEstimate(null)).toBe("Admissions are paused just now.");
  });
});

describe("what a fan sees of their place", () => {
  const room = { opensAt: 1_000, admittedThrough: 40, paused: false };
  it("counts the position from the highest place let in, so the line moves without rewriting anyone", () => {
    expect(fanStatus({ seq: 45, admitted_at: null }, room, 100, 60)).toEqual({ state: "waiting", number: 45, position: 5, ahead: 4, etaSeconds: 5, paused: false });
    expect(fanStatus({ seq: 45, admitted_at: null }, { ...room, admittedThrough: 44 }, 100, 60)).toMatchObject({ position: 1, ahead: 0 });
  });

  it("says admitted with the time it happened, pre-queue before the draw, sold out with the place kept", () => {
    expect(fanStatus({ seq: 12, admitted_at: 5_000 }, room, 0, 60)).toEqual({ state: "admitted", number: 12, admittedAt: 5_000 });
    expect(fanStatus({ seq: null, admitted_at: null }, room, 100, 60)).toEqual({ state: "pre_queue", opensAt: 1_000 });
    expect(fanStatus({ seq: 45, admitted_at: null }, room, 0, 60)).toEqual({ state: "sold_out", number: 45, position: 5 });
  });

  it("gives no estimate while admissions are paused", () => {
    expect(fanStatus({ seq: 45, admitted_at: null }, { ...room, paused: true }, 100, 60)).toMatchObject({ state: "waiting", etaSeconds: null, paused: true });
  });
});

describe("when a fan's page asks again", () => {
  const waiting = (etaSeconds: number | null, paused = false) => ({ state: "waiting" as const, number: 9, position: 3, ahead: 2, etaSeconds, paused });

  it("asks every few seconds near the front and seldom far back", () => {
    expect(pollAfterSeconds(waiting(6), 0)).toBe(POLL_SECONDS.min);
    expect(pollAfterSeconds(waiting(60), 0)).toBe(15);
    expect(pollAfterSeconds(waiting(3_600), 0)).toBe(POLL_SECONDS.max);
    expect(pollAfterSeconds(waiting(null, true), 0)).toBe(POLL_SECONDS.paused);
    expect(pollAfterSeconds({ state: "sold_out", number: 9, position: 3 }, 0)).toBe(POLL_SECONDS.soldOut);
  });

  it("in the pre-queue asks at opening, spread over a few seconds, never before it is due", () => {
    expect(pollAfterSeconds({ state: "pre_queue", opensAt: 600_000 }, 0)).toBe(POLL_SECONDS.max);
    expect(pollAfterSeconds({ state: "pre_queue", opensAt: 20_000 }, 0, () => 0)).toBe(20);
    expect(pollAfterSeconds({ state: "pre_queue", opensAt: 20_000 }, 0, () => 0.999)).toBe(30);
    expect(pollAfterSeconds({ state: "pre_queue", opensAt: 1_000 }, 0, () => 0)).toBe(POLL_SECONDS.min);
    const spread = new Set(Array.from({ length: 50 }, (_, i) => pollAfterSeconds({ state: "pre_queue", opensAt: 5_000 }, 0, () => i / 50)));
    expect(spread.size).toBeGreaterThan(5);
  });

  it("stops once nothing changes by waiting", () => {
    expect(pollAfterSeconds({ state: "admitted", number: 1, admittedAt: 0 }, 0)).toBeNull();
    expect(pollAfterSeconds({ state: "turn_passed" }, 0)).toBeNull();
    expect(pollAfterSeconds({ state: "not_joined" }, 0)).toBeNull();
  });
});
