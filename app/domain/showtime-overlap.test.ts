import { describe, expect, it } from "vitest";
import { busyUntil, findOverlap, overlapSearchWindow } from "./showtime-overlap";

const H = 3_600_000;
const M = 60_000;
const show = (id: string, startsAt: number, runtimeMinutes = 120) => ({ id, startsAt, runtimeMinutes });

describe("showtime overlap on one screen", () => {
  const existing = [show("evening", 18 * H, 150), show("morning", 10 * H, 120)];

  it("a show is busy for its runtime plus the cleaning buffer", () => {
    expect(busyUntil(show("x", 0, 100), 20)).toBe(120 * M);
  });

  it("refuses a show that starts during another show", () => {
    expect(findOverlap(show("new", 11 * H), existing, 15)?.id).toBe("morning");
  });

  it("refuses a show that starts during the cleaning buffer of the previous one", () => {
    // morning ends at 12:00; buffer 30 min → screen busy until 12:30
    expect(findOverlap(show("new", 12 * H + 20 * M), existing, 30)?.id).toBe("morning");
  });

  it("refuses a show whose own runtime + buffer runs into the next show", () => {
    // 15:00 + 150 min = 17:30, + 45 min buffer = 18:15 > 18:00
    expect(findOverlap(show("new", 15 * H, 150), existing, 45)?.id).toBe("evening");
  });

  it("refuses a show that wraps around another one completely", () => {
    expect(findOverlap(show("new", 9 * H, 600), [show("short", 10 * H, 60)], 0)?.id).toBe("short");
  });

  it("accepts a show that starts exactly when the previous one's buffer ends", () => {
    expect(findOverlap(show("new", 12 * H + 30 * M, 120), existing, 30)).toBeNull();
  });

  it("accepts a show that ends (with buffer) exactly when the next starts", () => {
    expect(findOverlap(show("new", 15 * H, 150), existing, 30)).toBeNull();
  });

  it("ignores the show being rescheduled itself", () => {
    expect(findOverlap(show("morning", 10 * H + 15 * M, 120), existing, 15)).toBeNull();
  });

  it("a zero buffer still refuses a real overlap", () => {
    expect(findOverlap(show("new", 11 * H + 59 * M), existing, 0)?.id).toBe("morning");
  });

  it("the search window covers any show long enough to reach the candidate", () => {
    const w = overlapSearchWindow(12 * H, 120, 30, 240);
    expect(w.from).toBe(12 * H - 270 * M);
    expect(w.to).toBe(14 * H + 30 * M);
  });
});
