import { describe, expect, it } from "vitest";
import { breaches, CLEAR_MINUTES, DEFAULT_THRESHOLDS, percentile, planIncidents, type AlertWindow, type OpenIncident } from "./alerts";

const quiet: AlertWindow = { payments: { failed: 0, succeeded: 40 }, webhookLagP95Ms: 800, deadLetters: 0, overloads: { d1: 0, do: 0 }, rooms: [] };
const MIN = 60_000;

/** Runs the cron minute by minute over a list of windows, keeping incidents as the store would. */
function simulate(windows: AlertWindow[]) {
  let open: OpenIncident[] = [];
  const notices: string[] = [];
  windows.forEach((w, minute) => {
    const now = minute * MIN;
    const plan = planIncidents(open, breaches(w, DEFAULT_THRESHOLDS), now);
    for (const b of plan.open) {
      notices.push(`fire ${b.rule}${b.subject ? `:${b.subject}` : ""} @${minute}`);
      open.push({ id: `${b.rule}:${b.subject}:${minute}`, rule: b.rule, subject: b.subject, openedAt: now, clearSince: null });
    }
    for (const m of plan.mark) open = open.map((i) => (i.id === m.id ? { ...i, clearSince: m.clearSince } : i));
    for (const r of plan.resolve) {
      notices.push(`resolve ${r.rule}${r.subject ? `:${r.subject}` : ""} @${minute}`);
      open = open.filter((i) => i.id !== r.id);
    }
  });
  return notices;
}

const repeat = <T,>(n: number, x: T) => Array.from({ length: n }, () => x);

describe("alert rules: each fires once and resolves once", () => {
  it("payment failure rate over the threshold for 5 minutes", () => {
    const bad = { ...quiet, payments: { failed: 15, succeeded: 35 } };
    expect(simulate([quiet, ...repeat(6, bad), ...repeat(CLEAR_MINUTES + 2, quiet)])).toEqual(["fire payment_failure_rate @1", `resolve payment_failure_rate @${7 + CLEAR_MINUTES}`]);
  });

  it("does not judge a failure rate on a handful of payments", () => {
    expect(breaches({ ...quiet, payments: { failed: 3, succeeded: 1 } }, DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it("webhook lag p95 over y seconds", () => {
    const late = { ...quiet, webhookLagP95Ms: 95_000 };
    expect(simulate([late, late, ...repeat(CLEAR_MINUTES + 1, quiet)])).toEqual(["fire webhook_lag @0", `resolve webhook_lag @${2 + CLEAR_MINUTES}`]);
  });

  it("any dead letter", () => {
    expect(simulate([{ ...quiet, deadLetters: 1 }, ...repeat(CLEAR_MINUTES + 1, quiet)])).toEqual(["fire dead_letter @0", `resolve dead_letter @${1 + CLEAR_MINUTES}`]);
    expect(breaches({ ...quiet, deadLetters: 4 }, { ...DEFAULT_THRESHOLDS, deadLetters: false })).toEqual([]);
  });

  it("D1 or Durable Object overloads", () => {
    expect(simulate([quiet, { ...quiet, overloads: { d1: 0, do: 2 } }, ...repeat(CLEAR_MINUTES + 1, quiet)])).toEqual(["fire overload @1", `resolve overload @${2 + CLEAR_MINUTES}`]);
  });

  it("a room admitting faster than seats sell, per room", () => {
    const fast = { ...quiet, rooms: [{ showtimeId: "st-a", admitted: 600, seatsSold: 40 }, { showtimeId: "st-b", admitted: 300, seatsSold: 250 }] };
    expect(simulate([fast, fast, ...repeat(CLEAR_MINUTES + 1, quiet)])).toEqual(["fire room_admits_faster:st-a @0", `resolve room_admits_faster:st-a @${2 + CLEAR_MINUTES}`]);
    // A room that has admitted only a few fans says nothing yet.
    expect(breaches({ ...quiet, rooms: [{ showtimeId: "st-c", admitted: 20, seatsSold: 0 }] }, DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it("a flapping figure stays one incident: a clear minute in between does not resolve it", () => {
    const bad = { ...quiet, deadLetters: 2 };
    expect(simulate([bad, quiet, bad, quiet, bad, ...repeat(CLEAR_MINUTES + 1, quiet)])).toEqual(["fire dead_letter @0", `resolve dead_letter @${5 + CLEAR_MINUTES}`]);
  });
});

describe("percentile", () => {
  it("is the nearest rank", () => {
    expect(percentile([], 0.95)).toBeNull();
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.95)).toBe(95);
  });
});
