import { describe, expect, it } from "vitest";
import { dateStrip, formatShowTime, isCalendarDate, localDateKey, zonedTimeToUtc } from "./time";

describe("time zone helpers", () => {
  it("turns cinema wall-clock time into UTC and back", () => {
    const utc = zonedTimeToUtc("2026-11-25", "21:00", "Asia/Kolkata");
    expect(new Date(utc).toISOString()).toBe("2026-11-25T15:30:00.000Z");
    expect(formatShowTime(utc, "Asia/Kolkata")).toMatch(/^9:00\s?pm$/i);
    expect(zonedTimeToUtc("2026-07-01", "09:00", "Europe/London")).toBe(Date.parse("2026-07-01T08:00:00Z"));
  });

  it("uses the cinema's date, not UTC's, near midnight", () => {
    const lateUtc = Date.parse("2026-11-25T20:00:00Z"); // 01:30 on the 26th in India
    expect(localDateKey(lateUtc, "Asia/Kolkata")).toBe("2026-11-26");
    expect(dateStrip(lateUtc, "Asia/Kolkata")).toEqual([
      "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02",
    ]);
  });
});

describe("isCalendarDate", () => {
  it("accepts real days, leap days included", () => {
    for (const d of ["2026-02-28", "2028-02-29", "2026-12-31", "2026-01-01"]) expect(isCalendarDate(d), d).toBe(true);
  });
  it("refuses days that don't exist and anything that isn't YYYY-MM-DD", () => {
    for (const d of ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-1", "tomorrow", ""]) {
      expect(isCalendarDate(d), d).toBe(false);
    }
  });
});
