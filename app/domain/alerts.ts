/**
 * Alert rules (ADR 029): pure functions from a minute's figures and the admin's thresholds to
 * breaches, and from breaches and the open incidents to what to notify. An incident opens once,
 * stays open (silently) while it keeps breaching, and resolves once after it has been clear for
 * `CLEAR_MINUTES` in a row, so a flapping figure does not mail on-call every minute.
 */

export const ALERT_RULES = ["payment_failure_rate", "webhook_lag", "dead_letter", "overload", "room_admits_faster"] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export type AlertThresholds = {
  /** Payment failure rate over this share (0–100) over the last 5 minutes… */
  paymentFailurePercent: number;
  /** …counted only once this many payments were attempted in those 5 minutes. */
  paymentMinAttempts: number;
  webhookLagP95Seconds: number;
  deadLetters: boolean;
  overloads: boolean;
  /** A room admitting more than this many fans per seat sold over the last 5 minutes (and ≥ 50 admitted). */
  admitOverSellRatio: number;
};

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  paymentFailurePercent: 20,
  paymentMinAttempts: 10,
  webhookLagP95Seconds: 60,
  deadLetters: true,
  overloads: true,
  admitOverSellRatio: 3,
};

/** The last 5 minutes, as the cron reads them from the events store. */
export type AlertWindow = {
  payments: { failed: number; succeeded: number };
  webhookLagP95Ms: number | null;
  /** Dead letters recorded in the window. */
  deadLetters: number;
  /** D1 / Durable Object errors whose reason is "overloaded". */
  overloads: { d1: number; do: number };
  rooms: { showtimeId: string; admitted: number; seatsSold: number }[];
};

export type Breach = { rule: AlertRule; subject: string; detail: string };

export const MIN_ADMITTED_FOR_RATIO = 50;

export function breaches(window: AlertWindow, t: AlertThresholds): Breach[] {
  const out: Breach[] = [];
  const attempts = window.payments.failed + window.payments.succeeded;
  if (attempts >= t.paymentMinAttempts && attempts > 0) {
    const rate = (window.payments.failed / attempts) * 100;
    if (rate > t.paymentFailurePercent) {
      out.push({ rule: "payment_failure_rate", subject: "", detail: `${Math.round(rate)} % of ${attempts} payments failed in 5 minutes (threshold ${t.paymentFailurePercent} %)` });
    }
  }
  if (window.webhookLagP95Ms !== null && window.webhookLagP95Ms > t.webhookLagP95Seconds * 1000) {
    out.push({ rule: "webhook_lag", subject: "", detail: `webhook lag p95 ${(window.webhookLagP95Ms / 1000).toFixed(1)} s (threshold ${t.webhookLagP95Seconds} s)` });
  }
  if (t.deadLetters && window.deadLetters > 0) {
    out.push({ rule: "dead_letter", subject: "", detail: `${window.deadLetters} email(s) dead-lettered in 5 minutes` });
  }
  if (t.overloads && window.overloads.d1 + window.overloads.do > 0) {
    out.push({ rule: "overload", subject: "", detail: `overloaded: D1 ${window.overloads.d1}, Durable Objects ${window.overloads.do} in 5 minutes` });
  }
  for (const room of window.rooms) {
    if (room.admitted < MIN_ADMITTED_FOR_RATIO) continue;
    const ratio = room.admitted / Math.max(1, room.seatsSold);
    if (ratio > t.admitOverSellRatio) {
      out.push({ rule: "room_admits_faster", subject: room.showtimeId, detail: `admitted ${room.admitted} fans, ${room.seatsSold} seats sold in 5 minutes (over ${t.admitOverSellRatio} per seat)` });
    }
  }
  return out;
}

export type OpenIncident = { id: string; rule: AlertRule; subject: string; openedAt: number; clearSince: number | null };

/** Minutes an incident must stay clear before it is resolved. */
export const CLEAR_MINUTES = 3;

export type IncidentPlan = {
  /** New incidents: notify "firing" once. */
  open: Breach[];
  /** Incidents clear long enough: notify "resolved" once. */
  resolve: OpenIncident[];
  /** Open incidents whose clear-since changes (breaching again: null; newly clear: now). */
  mark: { id: string; clearSince: number | null }[];
};

const keyOf = (x: { rule: string; subject: string }) => `${x.rule}\u0000${x.subject}`;

export function planIncidents(open: OpenIncident[], now_breaching: Breach[], now: number): IncidentPlan {
  const firing = new Map(now_breaching.map((b) => [keyOf(b), b]));
  const known = new Map(open.map((i) => [keyOf(i), i]));
  const plan: IncidentPlan = { open: [], resolve: [], mark: [] };
  for (const b of firing.values()) if (!known.has(keyOf(b))) plan.open.push(b);
  for (const incident of open) {
    if (firing.has(keyOf(incident))) {
      if (incident.clearSince !== null) plan.mark.push({ id: incident.id, clearSince: null });
      continue;
    }
    if (incident.clearSince === null) plan.mark.push({ id: incident.id, clearSince: now });
    else if (now - incident.clearSince >= CLEAR_MINUTES * 60_000 - 5_000) plan.resolve.push(incident);
  }
  return plan;
}

/** Nearest-rank percentile of a list (p in 0–1); null for no samples. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}
