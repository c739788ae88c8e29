import { log } from "./log.server";

/**
 * What happens on the paths that matter, as structured data (ADR 029). One call shape everywhere:
 * `recordEvent(target, event)`. It never awaits, never throws and never blocks the request that
 * records it:
 *
 * - production (`APP_ENV = "production"`, or `EVENTS_STORE = "analytics"`): one Workers Analytics
 *   Engine data point (`EVENTS.writeDataPoint`, fire-and-forget by design; no D1 on the hot path);
 * - everywhere else (`EVENTS_STORE = "local"`, the default outside production): the same record is
 *   buffered in the isolate and written to D1's `obs_events` after the request, in one batch, under
 *   `waitUntil`, because Miniflare drops Analytics Engine writes;
 * - `EVENTS_STORE = "off"`: nothing (the bench's "without" run).
 */

export const EVENT_KINDS = [
  "admission",
  "hold.placed",
  "hold.refused",
  "booking.created",
  "order.created",
  "payment.authorised",
  "payment.captured",
  "payment.failed",
  "payment.refunded",
  "webhook.received",
  "email.sent",
  "email.retried",
  "email.failed",
  "email.dead_lettered",
  "error.do",
  "error.d1",
  "room.waiting",
  "alert.opened",
  "alert.resolved",
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export type ObsEvent = {
  kind: EventKind;
  showtimeId?: string | null;
  /** Why: a refusal code, a failure reason, an error's class ("overloaded"). At most 96 chars kept. */
  reason?: string | null;
  /** How: a payment method, a webhook's event name, an email type, a transport. */
  detail?: string | null;
  /** Which: a booking id, an order id, a message id. Ids only, never personal data. */
  ref?: string | null;
  /** How many (default 1) or how long (ms), by kind. */
  value?: number;
};

export type EventTarget = {
  env: Pick<Env, "DB" | "APP_ENV"> & { EVENTS?: AnalyticsEngineDataset; EVENTS_STORE?: string };
  waitUntil?: (promise: Promise<unknown>) => void;
};

export type EventsStore = "analytics" | "local" | "off";

export function eventsStore(env: EventTarget["env"]): EventsStore {
  const chosen = env.EVENTS_STORE;
  if (chosen === "analytics" || chosen === "local" || chosen === "off") return chosen;
  return env.APP_ENV === "production" || env.APP_ENV === undefined ? "analytics" : "local";
}

const clip = (v: string | null | undefined, n = 96) => (v ? v.slice(0, n) : "");

/** The Analytics Engine row: blob1 kind, blob2 showtime, blob3 reason, blob4 detail, blob5 ref; double1 value; index = kind. */
export function toDataPoint(event: ObsEvent): AnalyticsEngineDataPoint {
  return {
    indexes: [event.kind],
    blobs: [event.kind, clip(event.showtimeId, 64), clip(event.reason), clip(event.detail), clip(event.ref, 64)],
    doubles: [Number.isFinite(event.value) ? (event.value as number) : 1],
  };
}

type Row = { at: number; kind: string; showtimeId: string | null; reason: string | null; detail: string | null; ref: string | null; value: number };
type Pending = { rows: Row[]; flushing: Promise<void> | null };

/** One buffer per D1 binding in this isolate (tests build several envs). */
const buffers = new WeakMap<object, Pending>();
/** Records this isolate could not store (a D1 hiccup, a full buffer): never a fan's problem. */
let dropped = 0;
const MAX_BUFFER = 5_000;

export function droppedEvents(): number {
  return dropped;
}

/** Records one event. Returns at once; a failure is counted and logged, never thrown. */
export function recordEvent(target: EventTarget, event: ObsEvent, now: number = Date.now()): void {
  try {
    const store = eventsStore(target.env);
    if (store === "off") return;
    if (store === "analytics") {
      target.env.EVENTS?.writeDataPoint(toDataPoint(event));
      return;
    }
    const db = target.env.DB;
    let pending = buffers.get(db);
    if (!pending) buffers.set(db, (pending = { rows: [], flushing: null }));
    if (pending.rows.length >= MAX_BUFFER) {
      dropped++;
      return;
    }
    pending.rows.push({
      at: now,
      kind: event.kind,
      showtimeId: event.showtimeId || null,
      reason: clip(event.reason) || null,
      detail: clip(event.detail) || null,
      ref: clip(event.ref, 64) || null,
      value: Number.isFinite(event.value) ? (event.value as number) : 1,
    });
    if (!pending.flushing) {
      const flushing = flushLocal(db, pending);
      pending.flushing = flushing;
      target.waitUntil?.(flushing);
    }
  } catch (error) {
    dropped++;
    safeWarn(error);
  }
}

/** Waits until this isolate's buffered local events are in D1 (the queue consumer and tests call it). */
export async function flushEvents(env: Pick<Env, "DB">): Promise<void> {
  const pending = buffers.get(env.DB);
  while (pending?.flushing) await pending.flushing;
}

const ROWS_PER_STATEMENT = 12; // 8 columns a row stays under D1's 100 bound parameters

async function flushLocal(db: D1Database, pending: Pending): Promise<void> {
  // Let everything recorded in this turn join the same write.
  await Promise.resolve();
  try {
    while (pending.rows.length > 0) {
      const rows = pending.rows.splice(0, 96);
      const statements: D1PreparedStatement[] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const part = rows.slice(i, i + ROWS_PER_STATEMENT);
        statements.push(
          db
            .prepare(`INSERT INTO obs_events (at, kind, showtime_id, reason, detail, ref, value) VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`)
            .bind(...part.flatMap((r) => [r.at, r.kind, r.showtimeId, r.reason, r.detail, r.ref, r.value])),
        );
      }
      try {
        await db.batch(statements);
      } catch (error) {
        dropped += rows.length;
        safeWarn(error);
      }
    }
  } finally {
    pending.flushing = null;
  }
}

function safeWarn(error: unknown): void {
  try {
    log.warn("events.dropped", { outcome: "dropped", reason: error instanceof Error ? error.message : String(error), dropped });
  } catch {
    // logging must not throw either
  }
}

/**
 * The error's messages with its causes': drizzle wraps a D1 failure in "Failed query: …" and keeps
 * D1's own error as `cause`, so the platform's words are often one level down.
 */
function messagesOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? `${current.name} ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" | ");
}

/** error.d1 / error.do for a platform failure, null for anything else (our own bugs are in the logs). */
export function platformErrorKind(error: unknown): "error.d1" | "error.do" | null {
  const message = messagesOf(error);
  if (/D1_|D1 |SQLITE_/i.test(message)) return "error.d1";
  if (/durable object|DurableObject/i.test(message)) return "error.do";
  return null;
}

/** Which kind of platform error this is, for `error.do` / `error.d1` events. */
export function errorReason(error: unknown): string {
  const message = messagesOf(error);
  if (/overloaded|too many requests|queue is full|exceeded/i.test(message)) return "overloaded";
  if (/reset|network connection lost|disconnected/i.test(message)) return "reset";
  if (/timed? ?out/i.test(message)) return "timeout";
  return "error";
}

/**
 * A request's unexpected error, as the control room counts it: D1 and Durable Object failures
 * (overloads above all) become `error.d1` / `error.do` events; anything else is only logged. The
 * Worker entry calls this for every path (router pages and the JSON API served before it).
 */
export function recordPlatformError(target: EventTarget, error: unknown, path: string, now: number = Date.now()): void {
  const kind = platformErrorKind(error);
  if (kind) recordEvent(target, { kind, reason: errorReason(error), detail: path.split("/")[1] ?? "" }, now);
}
