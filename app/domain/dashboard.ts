import { dateFormat } from "./intl";
import { toCsv } from "./csv";
import { occupancyPct } from "./sales";
import { localDateKey } from "./time";

/**
 * The operator dashboard's figures, from plain rows, so every number is unit-tested here and the
 * page, the charts and the CSVs read the same ones. Days are calendar days in each cinema's own
 * time zone. Money is integer paise.
 *
 * Two ways to put a sale on a day, and the page says which it uses:
 * - "sale": the day the booking was paid for (and a refund on the day it was issued) — cash flow;
 * - "show": the day of the show the ticket is for — what each day's shows earned.
 * Occupancy is always by show date (a show's seats over its capacity).
 */

export type Basis = "sale" | "show";
export type RangeKind = "today" | "7" | "30" | "custom";
export type DashboardRange = { kind: RangeKind; from: string; to: string; days: string[] };

export const MAX_RANGE_DAYS = 92;
const DAY = 86_400_000;

function addDays(key: string, n: number): string {
  return new Date(Date.parse(`${key}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

const isDateKey = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The range the GET form asks for; a bad custom range is the caller's 400 (the message says why). */
export function parseRange(params: { range: string | null; from: string | null; to: string | null }, today: string): DashboardRange | { error: string } {
  const kind = (["today", "7", "30", "custom"] as const).find((k) => k === params.range) ?? "7";
  let from = today;
  let to = today;
  if (kind === "7" || kind === "30") from = addDays(today, -(Number(kind) - 1));
  if (kind === "custom") {
    if (!isDateKey(params.from) || !isDateKey(params.to)) return { error: "Give both dates of a custom range, like 2026-11-25." };
    from = params.from;
    to = params.to;
    if (from > to) return { error: "The range starts after it ends." };
  }
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push(d);
    if (days.length > MAX_RANGE_DAYS) return { error: `A range can be at most ${MAX_RANGE_DAYS} days.` };
  }
  return { kind, from, to, days };
}

export type SaleRow = { cinemaId: string; cinemaName: string; movieTitle: string; timeZone: string; soldAt: number; startsAt: number; seats: number; grossPaise: number };
export type RefundRow = { cinemaId: string; cinemaName: string; movieTitle: string; timeZone: string; refundedAt: number; startsAt: number; amountPaise: number };
export type ShowRow = { timeZone: string; startsAt: number; capacity: number; seatsSold: number };

export type DayFigures = { date: string; grossPaise: number; refundsPaise: number; netPaise: number; seatsSold: number; showSeats: number; capacity: number; occupancyPct: number };
export type Bucket = { label: string; seatsSold: number; capacity: number; occupancyPct: number; shows: number };
export type Top = { name: string; seatsSold: number; grossPaise: number; refundsPaise: number; netPaise: number };

export type Dashboard = {
  days: DayFigures[];
  hours: Bucket[];
  weekdays: Bucket[];
  movies: Top[];
  cinemas: Top[];
  totals: Omit<DayFigures, "date">;
};

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function localHour(ms: number, timeZone: string): number {
  return Number(dateFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date(ms)));
}

function weekdayIndex(dateKey: string): number {
  return (new Date(`${dateKey}T12:00:00Z`).getUTCDay() + 6) % 7;
}

export function buildDashboard(input: { range: DashboardRange; basis: Basis; sales: SaleRow[]; refunds: RefundRow[]; shows: ShowRow[]; top?: number }): Dashboard {
  const inRange = new Set(input.range.days);
  const day = new Map(input.range.days.map((d) => [d, { date: d, grossPaise: 0, refundsPaise: 0, netPaise: 0, seatsSold: 0, showSeats: 0, capacity: 0, occupancyPct: 0 }]));
  const tops = { movies: new Map<string, Top>(), cinemas: new Map<string, Top>() };
  const top = (map: Map<string, Top>, key: string, name: string) => {
    const hit = map.get(key) ?? { name, seatsSold: 0, grossPaise: 0, refundsPaise: 0, netPaise: 0 };
    map.set(key, hit);
    return hit;
  };

  for (const s of input.sales) {
    const key = localDateKey(input.basis === "sale" ? s.soldAt : s.startsAt, s.timeZone);
    const d = day.get(key);
    if (!d) continue;
    d.grossPaise += s.grossPaise;
    d.seatsSold += s.seats;
    for (const t of [top(tops.movies, s.movieTitle, s.movieTitle), top(tops.cinemas, s.cinemaId, s.cinemaName)]) {
      t.grossPaise += s.grossPaise;
      t.seatsSold += s.seats;
    }
  }
  for (const r of input.refunds) {
    const key = localDateKey(input.basis === "sale" ? r.refundedAt : r.startsAt, r.timeZone);
    const d = day.get(key);
    if (!d) continue;
    d.refundsPaise += r.amountPaise;
    for (const t of [top(tops.movies, r.movieTitle, r.movieTitle), top(tops.cinemas, r.cinemaId, r.cinemaName)]) t.refundsPaise += r.amountPaise;
  }

  const hours = new Map<number, Bucket>();
  const weekdays = WEEKDAYS.map((label) => ({ label, seatsSold: 0, capacity: 0, occupancyPct: 0, shows: 0 }));
  for (const sh of input.shows) {
    const key = localDateKey(sh.startsAt, sh.timeZone);
    if (!inRange.has(key)) continue;
    const d = day.get(key)!;
    d.showSeats += sh.seatsSold;
    d.capacity += sh.capacity;
    const h = localHour(sh.startsAt, sh.timeZone);
    const hb = hours.get(h) ?? { label: `${String(h).padStart(2, "0")}:00`, seatsSold: 0, capacity: 0, occupancyPct: 0, shows: 0 };
    hours.set(h, hb);
    for (const b of [hb, weekdays[weekdayIndex(key)]!]) {
      b.seatsSold += sh.seatsSold;
      b.capacity += sh.capacity;
      b.shows += 1;
    }
  }

  const finishBucket = (b: Bucket) => ({ ...b, occupancyPct: occupancyPct(b.seatsSold, b.capacity) });
  const finishTop = (m: Map<string, Top>) =>
    [...m.values()]
      .map((t) => ({ ...t, netPaise: t.grossPaise - t.refundsPaise }))
      .sort((a, b) => b.netPaise - a.netPaise || b.seatsSold - a.seatsSold || a.name.localeCompare(b.name))
      .slice(0, input.top ?? 5);
  const days = [...day.values()].map((d) => ({ ...d, netPaise: d.grossPaise - d.refundsPaise, occupancyPct: occupancyPct(d.showSeats, d.capacity) }));
  const sum = (f: (d: DayFigures) => number) => days.reduce((acc, d) => acc + f(d), 0);
  const totals = { grossPaise: sum((d) => d.grossPaise), refundsPaise: sum((d) => d.refundsPaise), netPaise: sum((d) => d.netPaise), seatsSold: sum((d) => d.seatsSold), showSeats: sum((d) => d.showSeats), capacity: sum((d) => d.capacity), occupancyPct: 0 };
  totals.occupancyPct = occupancyPct(totals.showSeats, totals.capacity);
  return {
    days,
    hours: [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => finishBucket(b)),
    weekdays: weekdays.map(finishBucket),
    movies: finishTop(tops.movies),
    cinemas: finishTop(tops.cinemas),
    totals,
  };
}

export const DASHBOARD_PARTS = ["days", "hours", "weekdays", "movies", "cinemas"] as const;
export type DashboardPart = (typeof DASHBOARD_PARTS)[number];

// A number, not text: a negative net ("-200.5") must stay a number, not be neutralised as a formula.
const inr = (paise: number) => paise / 100;

/** One CSV per chart; the basis is in the money columns' names, so a file on its own still says which. */
export function dashboardCsv(d: Dashboard, part: DashboardPart, basis: Basis): string {
  const by = basis === "sale" ? "by_sale_date" : "by_show_date";
  switch (part) {
    case "days":
      return toCsv(
        ["date", `gross_inr_${by}`, `refunds_inr_${by}`, `net_inr_${by}`, `seats_sold_${by}`, "seats_sold_by_show_date", "capacity_by_show_date", "occupancy_pct_by_show_date"],
        d.days.map((x) => [x.date, inr(x.grossPaise), inr(x.refundsPaise), inr(x.netPaise), x.seatsSold, x.showSeats, x.capacity, x.occupancyPct]),
      );
    case "hours":
    case "weekdays":
      return toCsv([part === "hours" ? "show_start_hour_local" : "weekday_of_show", "shows", "seats_sold", "capacity", "occupancy_pct"], d[part].map((x) => [x.label, x.shows, x.seatsSold, x.capacity, x.occupancyPct]));
    case "movies":
    case "cinemas":
      return toCsv([part === "movies" ? "movie" : "cinema", `seats_sold_${by}`, `gross_inr_${by}`, `refunds_inr_${by}`, `net_inr_${by}`], d[part].map((x) => [x.name, x.seatsSold, inr(x.grossPaise), inr(x.refundsPaise), inr(x.netPaise)]));
  }
}
