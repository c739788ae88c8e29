import { describe, expect, it } from "vitest";
import { showIcs, utcOffset } from "./calendar";

const show = {
  uid: "bkg_1@marquee",
  title: "Orbit Zero (IMAX), seats K7, K8",
  startsAt: Date.UTC(2026, 10, 28, 13, 30),
  runtimeMinutes: 150,
  timeZone: "Asia/Kolkata",
  location: "Marquee Phoenix Palladium, Audi 1; Lower Parel",
  description: "Booking code K7QX-4MPA",
  url: "https://marquee.example/bookings/bkg_1",
  now: Date.UTC(2026, 10, 1),
};

describe("calendar event", () => {
  it("starts at the cinema's local time with its zone, and ends after the runtime", () => {
    const ics = showIcs(show);
    expect(ics).toContain("DTSTART;TZID=Asia/Kolkata:20261128T190000");
    expect(ics).toContain("DTEND;TZID=Asia/Kolkata:20261128T213000");
    expect(ics).toContain("TZOFFSETTO:+0530");
    expect(ics).toContain("SUMMARY:Orbit Zero (IMAX)\\, seats K7\\, K8");
    expect(ics).toContain("LOCATION:Marquee Phoenix Palladium\\, Audi 1\\; Lower Parel");
    expect(ics.split("\r\n").every((l) => l.length <= 75)).toBe(true);
  });

  it("knows zones west of UTC", () => {
    expect(utcOffset(Date.UTC(2026, 0, 15, 12), "America/New_York")).toBe("-0500");
  });
});
