import { describe, expect, it } from "vitest";
import { buildDashboard, dashboardCsv, parseRange, type DashboardRange } from "./dashboard";

const TZ = "Asia/Kolkata";
const at = (iso: string) => Date.parse(iso);
const range = (from: string, to: string) => parseRange({ range: "custom", from, to }, "2026-12-01") as DashboardRange;

describe("parseRange", () => {
  it("today, the last 7 or 30 days ending today, or a custom range", () => {
    expect(parseRange({ range: "today", from: null, to: null }, "2026-12-01")).toMatchObject({ from: "2026-12-01", to: "2026-12-01", days: ["2026-12-01"] });
    expect(parseRange({ range: "7", from: null, to: null }, "2026-12-01")).toMatchObject({ from: "2026-11-25", to: "2026-12-01" });
    expect((parseRange({ range: "30", from: null, to: null }, "2026-12-01") as DashboardRange).days).toHaveLength(30);
    expect(range("2026-11-30", "2026-12-02").days).toEqual(["2026-11-30", "2026-12-01", "2026-12-02"]);
  });
  it("refuses a reversed, malformed, impossible or too long custom range", () => {
    expect(parseRange({ range: "custom", from: "2026-12-02", to: "2026-12-01" }, "2026-12-01")).toEqual({ error: "The range starts after it ends." });
    expect(parseRange({ range: "custom", from: "2026-02-30", to: "2026-03-01" }, "2026-12-01")).toHaveProperty("error");
    expect(parseRange({ range: "custom", from: "yesterday", to: "2026-03-01" }, "2026-12-01")).toHaveProperty("error");
    expect(parseRange({ range: "custom", from: "2026-01-01", to: "2026-12-01" }, "2026-12-01")).toHaveProperty("error");
  });
});

describe("buildDashboard", () => {
  // Sold on 30 Nov (IST) for a show on 1 Dec at 19:00 IST; refunded on 1 Dec.
  const sale = { cinemaId: "c1", cinemaName: "Lido", movieTitle: "Orbit Zero", timeZone: TZ, soldAt: at("2026-11-30T18:00:00Z"), startsAt: at("2026-12-01T13:30:00Z"), seats: 2, grossPaise: 50_000 };
  const other = { ...sale, cinemaId: "c2", cinemaName: "Regal", movieTitle: "Paper Kites", soldAt: at("2026-12-01T05:00:00Z"), seats: 1, grossPaise: 20_000 };
  const refund = { cinemaId: "c1", cinemaName: "Lido", movieTitle: "Orbit Zero", timeZone: TZ, refundedAt: at("2026-12-01T06:00:00Z"), startsAt: sale.startsAt, amountPaise: 20_000 };
  const shows = [
    { timeZone: TZ, startsAt: sale.startsAt, capacity: 100, seatsSold: 3 },
    { timeZone: TZ, startsAt: at("2026-12-02T04:30:00Z"), capacity: 50, seatsSold: 25 }, // 10:00 IST on Wed 2 Dec
  ];

  it("by sale date puts the sale on the day it was paid (IST: 30 Nov 23:30), by show date on the show's day", () => {
    const bySale = buildDashboard({ range: range("2026-11-30", "2026-12-02"), basis: "sale", sales: [sale, other], refunds: [refund], shows });
    expect(bySale.days.map((d) => [d.date, d.grossPaise, d.refundsPaise, d.netPaise, d.seatsSold])).toEqual([
      ["2026-11-30", 50_000, 0, 50_000, 2],
      ["2026-12-01", 20_000, 20_000, 0, 1],
      ["2026-12-02", 0, 0, 0, 0],
    ]);
    const byShow = buildDashboard({ range: range("2026-11-30", "2026-12-02"), basis: "show", sales: [sale, other], refunds: [refund], shows });
    expect(byShow.days.map((d) => [d.date, d.grossPaise, d.refundsPaise, d.netPaise])).toEqual([
      ["2026-11-30", 0, 0, 0],
      ["2026-12-01", 70_000, 20_000, 50_000],
      ["2026-12-02", 0, 0, 0],
    ]);
    expect(byShow.totals).toMatchObject({ grossPaise: 70_000, refundsPaise: 20_000, netPaise: 50_000, showSeats: 28, capacity: 150, occupancyPct: 18.7 });
  });

  it("occupancy per show day, by local start hour and by weekday", () => {
    const d = buildDashboard({ range: range("2026-12-01", "2026-12-02"), basis: "show", sales: [], refunds: [], shows });
    expect(d.days.map((x) => x.occupancyPct)).toEqual([3, 50]);
    expect(d.hours).toEqual([
      { label: "10:00", seatsSold: 25, capacity: 50, occupancyPct: 50, shows: 1 },
      { label: "19:00", seatsSold: 3, capacity: 100, occupancyPct: 3, shows: 1 },
    ]);
    expect(d.weekdays.find((w) => w.label === "Tue")).toMatchObject({ shows: 1, occupancyPct: 3 });
    expect(d.weekdays.find((w) => w.label === "Wed")).toMatchObject({ shows: 1, occupancyPct: 50 });
  });

  it("ranks movies and cinemas by net, leaves out what is outside the range, and exports labelled CSVs", () => {
    const d = buildDashboard({ range: range("2026-12-01", "2026-12-01"), basis: "sale", sales: [sale, other], refunds: [refund], shows });
    expect(d.movies).toEqual([
      { name: "Paper Kites", seatsSold: 1, grossPaise: 20_000, refundsPaise: 0, netPaise: 20_000 },
      { name: "Orbit Zero", seatsSold: 0, grossPaise: 0, refundsPaise: 20_000, netPaise: -20_000 },
    ]);
    expect(dashboardCsv(d, "cinemas", "sale")).toBe("cinema,seats_sold_by_sale_date,gross_inr_by_sale_date,refunds_inr_by_sale_date,net_inr_by_sale_date\r\nRegal,1,200,0,200\r\nLido,0,0,200,-200\r\n");
    expect(dashboardCsv(d, "days", "show").split("\r\n")[0]).toContain("gross_inr_by_show_date");
  });
});
