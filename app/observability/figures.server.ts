import { percentile } from "#app/domain/alerts";
import type { AppConfig } from "#app/utils/env.server";
import { eventsStore, type EventKind } from "./events.server";
import { log } from "./log.server";

/**
 * Reads the events back, per minute, from wherever `recordEvent` put them: D1's obs_events locally,
 * Workers Analytics Engine's SQL API in production (ADR 029). The control room and the alert checks
 * both read through here, so the offline control room runs the same aggregation as production.
 */
export type MinuteRow = { minute: number; kind: EventKind; showtimeId: string | null; reason: string | null; n: number; total: number };
export type LagRow = { minute: number; p50: number; p95: number; n: number };
export type EventFigures = { source: "local" | "analytics" | "off"; rows: MinuteRow[]; lag: LagRow[]; error: string | null };

export const ANALYTICS_DATASET = "marquee_events";

export async function readEventFigures(env: Env, config: AppConfig, sinceMs: number): Promise<EventFigures> {
  const store = eventsStore(env);
  if (store === "off") return { source: "off", rows: [], lag: [], error: null };
  try {
    return store === "local" ? await readLocal(env.DB, sinceMs) : await readAnalytics(config, sinceMs);
  } catch (error) {
    log.warn("figures.read_failed", { source: store, outcome: "empty", error });
    return { source: store, rows: [], lag: [], error: error instanceof Error ? error.message : String(error) };
  }
}

async function readLocal(db: D1Database, sinceMs: number): Promise<EventFigures> {
  const [grouped, lags] = await db.batch([
    db
      .prepare(
        `SELECT at / 60000 AS minute, kind, showtime_id AS showtimeId, reason, COUNT(*) AS n, SUM(value) AS total
         FROM obs_events WHERE at >= ? AND kind <> 'webhook.received' GROUP BY 1, 2, 3, 4
         UNION ALL
         SELECT at / 60000, kind, NULL, reason, COUNT(*), SUM(value) FROM obs_events WHERE at >= ? AND kind = 'webhook.received' GROUP BY 1, 2, 4`,
      )
      .bind(sinceMs, sinceMs),
    db.prepare("SELECT at / 60000 AS minute, value FROM obs_events WHERE at >= ? AND kind = 'webhook.received' ORDER BY at").bind(sinceMs),
  ]);
  const byMinute = new Map<number, number[]>();
  for (const r of (lags?.results ?? []) as { minute: number; value: number }[]) {
    const list = byMinute.get(r.minute) ?? [];
    list.push(r.value);
    byMinute.set(r.minute, list);
  }
  const lag = [...byMinute].map(([minute, values]) => ({ minute, p50: percentile(values, 0.5)!, p95: percentile(values, 0.95)!, n: values.length }));
  return { source: "local", rows: (grouped?.results ?? []) as MinuteRow[], lag, error: null };
}

/** Analytics Engine's SQL API (needs CF_ACCOUNT_ID and a CF_API_TOKEN with Account Analytics: Read). */
async function readAnalytics(config: AppConfig, sinceMs: number): Promise<EventFigures> {
  if (!config.CF_ACCOUNT_ID || !config.CF_API_TOKEN) {
    return { source: "analytics", rows: [], lag: [], error: "Set CF_ACCOUNT_ID and the CF_API_TOKEN secret to read Analytics Engine." };
  }
  const minutes = Math.max(1, Math.ceil((Date.now() - sinceMs) / 60_000));
  const window = `timestamp > NOW() - INTERVAL '${minutes}' MINUTE`;
  const query = async <T>(sql: string): Promise<T[]> => {
    const res = await fetch(`https://api.cloudflare.com/client/v4/accounts/${config.CF_ACCOUNT_ID}/analytics_engine/sql`, {
      method: "POST",
      headers: { Authorization: `Bearer ${config.CF_API_TOKEN}` },
      body: sql,
    });
    if (!res.ok) throw new Error(`Analytics Engine SQL ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return ((await res.json()) as { data: T[] }).data;
  };
  // _sample_interval: Analytics Engine samples at high volume; each row stands for that many.
  const [rows, lag] = await Promise.all([
    query<{ minute: string; kind: EventKind; showtimeId: string; reason: string; n: string; total: string }>(
      `SELECT intDiv(toUInt32(timestamp), 60) AS minute, blob1 AS kind, blob2 AS showtimeId, blob3 AS reason,
              SUM(_sample_interval) AS n, SUM(_sample_interval * double1) AS total
       FROM ${ANALYTICS_DATASET} WHERE ${window} AND blob1 <> 'webhook.received' GROUP BY minute, kind, showtimeId, reason FORMAT JSON`,
    ),
    query<{ minute: string; p50: string; p95: string; n: string }>(
      `SELECT intDiv(toUInt32(timestamp), 60) AS minute, quantileExactWeighted(0.5)(double1, _sample_interval) AS p50,
              quantileExactWeighted(0.95)(double1, _sample_interval) AS p95, SUM(_sample_interval) AS n
       FROM ${ANALYTICS_DATASET} WHERE ${window} AND blob1 = 'webhook.received' GROUP BY minute FORMAT JSON`,
    ),
  ]);
  return {
    source: "analytics",
    rows: rows.map((r) => ({ minute: Number(r.minute), kind: r.kind, showtimeId: r.showtimeId || null, reason: r.reason || null, n: Number(r.n), total: Number(r.total) })),
    lag: lag.map((r) => ({ minute: Number(r.minute), p50: Number(r.p50), p95: Number(r.p95), n: Number(r.n) })),
    error: null,
  };
}

/** Local store housekeeping (the cron): a day of events is plenty for a control room of 60 minutes. */
export async function pruneLocalEvents(env: Env, now: number): Promise<void> {
  if (eventsStore(env) !== "local") return;
  await env.DB.prepare("DELETE FROM obs_events WHERE at < ?").bind(now - 24 * 3_600_000).run();
}
