import { describe, expect, it } from "vitest";
import { judgeAtDoor, refusalHeadline, type DoorTicket } from "./check-in";

const TZ = "Asia/Kolkata";
const startsAt = Date.parse("2026-12-01T13:30:00Z"); // 19:00 IST
const ticket: DoorTicket = { cinemaId: "c1", cinemaName: "Lido", screenId: "s1", screenName: "Screen 1", startsAt, runtimeMinutes: 120, timeZone: TZ, bookingStatus: "CONFIRMED", showtimeStatus: "SCHEDULED" };
const here = { cinemaId: "c1" };
const W = { opensMinutesBefore: 60, closesMinutesAfterEnd: 0 };
const min = 60_000;

describe("judgeAtDoor", () => {
  it("admits from the window's opening to the end of the film, inclusive", () => {
    expect(judgeAtDoor(ticket, here, startsAt - 60 * min, W)).toBeNull();
    expect(judgeAtDoor(ticket, here, startsAt + 120 * min, W)).toBeNull();
    expect(judgeAtDoor(ticket, { cinemaId: "c1", screenId: "s1" }, startsAt, W)).toBeNull();
  });

  it("refuses too early the same day with the opening time, and after the end", () => {
    const early = judgeAtDoor(ticket, here, startsAt - 61 * min, W)!;
    expect(refusalHeadline(early, TZ)).toBe("Do not admit yet: doors open at 6:00 pm");
    const late = judgeAtDoor(ticket, here, startsAt + 121 * min, W)!;
    expect(refusalHeadline(late, TZ)).toBe("Do not admit: the show is over (ended 9:00 pm)");
  });

  it("names the day of a ticket for another day", () => {
    const r = judgeAtDoor(ticket, here, startsAt - 2 * 86_400_000, W)!;
    expect(r.reason).toBe("wrong_day");
    expect(refusalHeadline(r, TZ)).toBe("Do not admit: wrong day — this ticket is for Tue, 1 Dec");
  });

  it("refuses another cinema or screen before anything else, and cancelled bookings or shows", () => {
    expect(judgeAtDoor(ticket, { cinemaId: "c2" }, startsAt, W)).toEqual({ reason: "wrong_cinema", cinemaName: "Lido" });
    expect(judgeAtDoor(ticket, { cinemaId: "c1", screenId: "s2" }, startsAt, W)?.reason).toBe("wrong_screen");
    expect(refusalHeadline(judgeAtDoor({ ...ticket, bookingStatus: "REFUNDED" }, here, startsAt, W)!, TZ)).toBe("Do not admit: this booking was refunded");
    expect(refusalHeadline(judgeAtDoor({ ...ticket, showtimeStatus: "CANCELLED" }, here, startsAt, W)!, TZ)).toBe("Do not admit: the show was cancelled");
  });

  it("a late-night show's window may open the evening before", () => {
    const midnight = Date.parse("2026-12-01T18:45:00Z"); // 00:15 IST on 2 Dec
    expect(judgeAtDoor({ ...ticket, startsAt: midnight }, here, midnight - 30 * min, W)).toBeNull();
  });

  it("tells a fan who is early for a midnight show when doors open, not that it is the wrong day", () => {
    const midnight = Date.parse("2026-12-01T18:45:00Z"); // 00:15 IST on 2 Dec; doors 23:15 on 1 Dec
    const early = judgeAtDoor({ ...ticket, startsAt: midnight }, here, midnight - 61 * min, W)!;
    expect(refusalHeadline(early, TZ)).toBe("Do not admit yet: doors open at 11:15 pm");
    // A late show that ended just before midnight is over at 00:30, not "for yesterday".
    const lateShow = Date.parse("2026-12-01T16:00:00Z"); // 21:30 IST, ends 23:30
    expect(judgeAtDoor({ ...ticket, startsAt: lateShow }, here, lateShow + 180 * min, W)?.reason).toBe("show_over");
    // The next evening it is the wrong day again.
    expect(judgeAtDoor({ ...ticket, startsAt: midnight }, here, midnight - 20 * 60 * min, W)?.reason).toBe("wrong_day");
  });
});
