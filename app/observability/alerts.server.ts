import { breaches, DEFAULT_THRESHOLDS, planIncidents, type AlertRule, type AlertThresholds, type AlertWindow, type Breach, type OpenIncident } from "#app/domain/alerts";
import { createMailer } from "#app/email/mailer.server";
import { allSales } from "#app/db/shards.server";
import { roomOf } from "#app/queue/gateway.server";
import { randomId } from "#app/utils/crypto.server";
import { getConfig, type AppConfig } from "#app/utils/env.server";
import { flushEvents, recordEvent } from "./events.server";
import { pruneLocalEvents, readEventFigures } from "./figures.server";
import { log } from "./log.server";

/**
 * The alert checks the cron runs (ADR 029): read the last 5 minutes of events, judge them with the
 * pure rules (`app/domain/alerts.ts`), and notify on-call once when an incident opens and once
 * when it resolves. The incident row is the once: its insert (a partial unique index on the open
 * rule + subject) and its resolve (`resolved_at IS NULL`) are conditional, so two overlapping cron
 * runs cannot both notify.
 */

export type AlertSettings = AlertThresholds & { onCallEmails: string[]; webhookUrl: string | null };

const WINDOW_MS = 5 * 60_000;

export async function alertSettings(db: D1Database, config: AppConfig): Promise<AlertSettings> {
  const row = await db
    .prepare("SELECT payment_failure_percent, payment_min_attempts, webhook_lag_p95_seconds, dead_letters, overloads, admit_over_sell_ratio, on_call_emails, webhook_url FROM alert_settings WHERE id = 'default'")
    .first<{ payment_failure_percent: number; payment_min_attempts: number; webhook_lag_p95_seconds: number; dead_letters: number; overloads: number; admit_over_sell_ratio: number; on_call_emails: string; webhook_url: string | null }>();
  if (!row) return { ...DEFAULT_THRESHOLDS, onCallEmails: [], webhookUrl: config.ALERT_WEBHOOK_URL ?? null };
  return {
    ...DEFAULT_THRESHOLDS,
    paymentFailurePercent: row.payment_failure_percent,
    paymentMinAttempts: row.payment_min_attempts,
    webhookLagP95Seconds: row.webhook_lag_p95_seconds,
    deadLetters: row.dead_letters === 1,
    overloads: row.overloads === 1,
    admitOverSellRatio: row.admit_over_sell_ratio,
    onCallEmails: row.on_call_emails.split(",").map((e) => e.trim()).filter(Boolean),
    webhookUrl: row.webhook_url ?? config.ALERT_WEBHOOK_URL ?? null,
  };
}

export async function saveAlertSettings(db: D1Database, s: AlertSettings, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO alert_settings (id, payment_failure_percent, payment_min_attempts, webhook_lag_p95_seconds, dead_letters, overloads, admit_over_sell_ratio, on_call_emails, webhook_url, updated_at)
       VALUES ('default', ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET payment_failure_percent = excluded.payment_failure_percent, payment_min_attempts = excluded.payment_min_attempts, webhook_lag_p95_seconds = excluded.webhook_lag_p95_seconds,
         dead_letters = excluded.dead_letters, overloads = excluded.overloads, admit_over_sell_ratio = excluded.admit_over_sell_ratio,
         on_call_emails = excluded.on_call_emails, webhook_url = excluded.webhook_url, updated_at = excluded.updated_at`,
    )
    .bind(s.paymentFailurePercent, s.paymentMinAttempts, s.webhookLagP95Seconds, s.deadLetters ? 1 : 0, s.overloads ? 1 : 0, s.admitOverSellRatio, s.onCallEmails.join(", "), s.webhookUrl, now)
    .run();
}

export async function activeRoomIds(db: D1Database): Promise<string[]> {
  const rows = await db.prepare("SELECT showtime_id FROM waiting_rooms WHERE status = 'ACTIVE'").all<{ showtime_id: string }>();
  return rows.results.map((r) => r.showtime_id);
}

/** The last 5 minutes as the rules read them. */
export async function alertWindow(env: Env, config: AppConfig, rooms: string[], now: number): Promise<AlertWindow> {
  const since = now - WINDOW_MS;
  const figures = await readEventFigures(env, config, since);
  const sum = (pred: (r: (typeof figures.rows)[number]) => boolean) => figures.rows.filter(pred).reduce((a, r) => a + r.n, 0);
  const lagP95 = figures.lag.length ? Math.max(...figures.lag.map((l) => l.p95)) : null;
  // Seats sold in the window, from every booking database (a show's sales are in its shard, ADR 031).
  const sold = rooms.length
    ? await Promise.all(
        allSales(env).map(({ d1 }) =>
          d1
            .prepare(
              `SELECT b.showtime_id AS showtimeId, COUNT(*) AS n FROM bookings b JOIN booking_seats s ON s.booking_id = b.id
               WHERE b.status = 'CONFIRMED' AND b.confirmed_at >= ? AND b.showtime_id IN (SELECT value FROM json_each(?)) GROUP BY 1`,
            )
            .bind(since, JSON.stringify(rooms))
            .all<{ showtimeId: string; n: number }>(),
        ),
      )
    : [];
  const soldBy = new Map(sold.flatMap((r) => r.results).map((r) => [r.showtimeId, r.n]));
  return {
    payments: { failed: sum((r) => r.kind === "payment.failed"), succeeded: sum((r) => r.kind === "payment.captured" || r.kind === "payment.authorised") },
    webhookLagP95Ms: lagP95,
    deadLetters: sum((r) => r.kind === "email.dead_lettered"),
    overloads: { d1: sum((r) => r.kind === "error.d1" && r.reason === "overloaded"), do: sum((r) => r.kind === "error.do" && r.reason === "overloaded") },
    rooms: rooms.map((id) => ({ showtimeId: id, admitted: sum((r) => r.kind === "admission" && r.showtimeId === id), seatsSold: soldBy.get(id) ?? 0 })),
  };
}

export type Notice = { state: "firing" | "resolved"; rule: AlertRule; subject: string; detail: string; incidentId: string; at: number };

export type Notifier = (notice: Notice, settings: AlertSettings) => Promise<void>;

/**
 * One minute of checks. `everyMinute`: the every-minute trigger, which does work only while a waiting room
 * is open or an incident is open (the five-minute trigger always checks).
 */
export async function runAlertChecks(env: Env, now: number, opts: { everyMinute: boolean; notify?: Notifier } = { everyMinute: false }): Promise<{ checked: boolean; opened: number; resolved: number }> {
  const config = getConfig(env);
  const rooms = await activeRoomIds(env.DB);
  const open = await openIncidents(env.DB);
  if (opts.everyMinute && rooms.length === 0 && open.length === 0) return { checked: false, opened: 0, resolved: 0 };
  // People waiting per room, once a minute, for the control room's chart.
  await Promise.all(
    rooms.map(async (id) => {
      try {
        const stats = await roomOf(env, id).stats();
        recordEvent({ env }, { kind: "room.waiting", showtimeId: id, value: stats.waiting }, now);
      } catch (error) {
        recordEvent({ env }, { kind: "error.do", showtimeId: id, reason: "error", detail: "room_stats" }, now);
        log.warn("alerts.room_stats_failed", { showtimeId: id, outcome: "skipped", error });
      }
    }),
  );
  const settings = await alertSettings(env.DB, config);
  const window = await alertWindow(env, config, rooms, now);
  const plan = planIncidents(open, breaches(window, settings), now);
  const notify = opts.notify ?? defaultNotifier(config);
  let opened = 0;
  let resolved = 0;
  for (const breach of plan.open) {
    const id = `inc_${randomId(10)}`;
    const inserted = await env.DB.prepare(
      "INSERT INTO alert_incidents (id, rule, subject, opened_at, detail) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
    )
      .bind(id, breach.rule, breach.subject, now, breach.detail)
      .first<{ id: string }>();
    if (!inserted) continue; // another run opened it a moment ago and notified
    opened++;
    recordEvent({ env }, { kind: "alert.opened", reason: breach.rule, showtimeId: breach.subject || null, ref: id }, now);
    await safeNotify(notify, { state: "firing", ...breach, incidentId: id, at: now }, settings);
  }
  for (const m of plan.mark) {
    await env.DB.prepare("UPDATE alert_incidents SET clear_since = ? WHERE id = ? AND resolved_at IS NULL").bind(m.clearSince, m.id).run();
  }
  for (const incident of plan.resolve) {
    const done = await env.DB.prepare("UPDATE alert_incidents SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL").bind(now, incident.id).run();
    if (done.meta.changes !== 1) continue;
    resolved++;
    recordEvent({ env }, { kind: "alert.resolved", reason: incident.rule, showtimeId: incident.subject || null, ref: incident.id }, now);
    const detail = (await env.DB.prepare("SELECT detail FROM alert_incidents WHERE id = ?").bind(incident.id).first<{ detail: string }>())?.detail ?? "";
    await safeNotify(notify, { state: "resolved", rule: incident.rule, subject: incident.subject, detail, incidentId: incident.id, at: now }, settings);
  }
  await pruneLocalEvents(env, now);
  await flushEvents(env);
  return { checked: true, opened, resolved };
}

export async function openIncidents(db: D1Database): Promise<(OpenIncident & { detail: string })[]> {
  const rows = await db
    .prepare("SELECT id, rule, subject, opened_at AS openedAt, clear_since AS clearSince, detail FROM alert_incidents WHERE resolved_at IS NULL ORDER BY opened_at")
    .all<OpenIncident & { detail: string }>();
  return rows.results;
}

async function safeNotify(notify: Notifier, notice: Notice, settings: AlertSettings): Promise<void> {
  try {
    await notify(notice, settings);
  } catch (error) {
    log.error("alerts.notify_failed", { incidentId: notice.incidentId, rule: notice.rule, state: notice.state, outcome: "not_notified", error });
  }
}

const RULE_TITLES: Record<AlertRule, string> = {
  payment_failure_rate: "Payment failure rate",
  webhook_lag: "Webhook lag",
  dead_letter: "Dead-lettered email",
  overload: "D1 / Durable Object overload",
  room_admits_faster: "Room admitting faster than seats sell",
};

export function noticeText(n: Notice, appOrigin: string): { subject: string; text: string } {
  const what = `${RULE_TITLES[n.rule]}${n.subject ? ` (${n.subject})` : ""}`;
  const subject = n.state === "firing" ? `[Marquee alert] ${what}` : `[Marquee resolved] ${what}`;
  const text = [
    n.state === "firing" ? `Firing: ${n.detail}` : `Resolved. It was: ${n.detail}`,
    `Incident ${n.incidentId} at ${new Date(n.at).toISOString()}`,
    `Control room: ${new URL("/admin/live", appOrigin).href}`,
  ].join("\n");
  return { subject, text };
}

/** Email to on-call (the app's mailer: Resend, or the local mailbox) and a JSON post to the webhook. */
export function defaultNotifier(config: AppConfig): Notifier {
  return async (notice, settings) => {
    const { subject, text } = noticeText(notice, config.APP_ORIGIN);
    const jobs: Promise<unknown>[] = [];
    const mailer = createMailer(config);
    if (mailer) {
      for (const to of settings.onCallEmails) {
        const html = `<pre style="font:14px/1.4 ui-monospace,monospace">${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`;
        jobs.push(
          mailer.send(to, { subject, text, html, attachments: [] }, `alert:${notice.incidentId}:${notice.state}:${to}`).then((r) => {
            if (!r.ok) throw new Error(`alert email: ${r.error.statusCode} ${r.error.name}`);
          }),
        );
      }
    }
    if (settings.webhookUrl) {
      jobs.push(
        fetch(settings.webhookUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ text: `${subject}\n${text}`, ...notice }),
        }).then((r) => {
          if (!r.ok) throw new Error(`alert webhook answered ${r.status}`);
        }),
      );
    }
    const results = await Promise.allSettled(jobs);
    for (const r of results) if (r.status === "rejected") log.error("alerts.notify_failed", { incidentId: notice.incidentId, state: notice.state, outcome: "partial", error: r.reason });
    log.info("alerts.notified", { incidentId: notice.incidentId, rule: notice.rule, state: notice.state, emails: settings.onCallEmails.length, webhook: Boolean(settings.webhookUrl) });
  };
}

export type { Breach };
