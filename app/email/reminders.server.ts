import { emailJob } from "./job";
import { getConfig } from "#app/utils/env.server";
import { allSales } from "#app/db/shards.server";

/**
 * Cron: queue a `show_reminder` for each confirmed booking whose show starts within the next
 * REMINDER_HOURS_BEFORE hours and that has no reminder logged yet. Bookings made inside that window
 * are left out (their confirmation just arrived). A booking picked up by two runs before its first
 * message is consumed is harmless: the consumer's email_log claim lets only one send.
 */
export async function enqueueShowReminders(env: Env, now: number): Promise<number> {
  const windowMs = getConfig(env).REMINDER_HOURS_BEFORE * 3600_000;
  if (windowMs === 0) return 0;
  // The shows in the window are the shared database's; their bookings are in their shards (ADR 031).
  const { results: shows } = await env.DB.prepare("SELECT id, starts_at AS startsAt FROM showtimes WHERE status = 'SCHEDULED' AND starts_at > ?1 AND starts_at <= ?1 + ?2")
    .bind(now, windowMs)
    .all<{ id: string; startsAt: number }>();
  if (shows.length === 0) return 0;
  const starts = JSON.stringify(Object.fromEntries(shows.map((x) => [x.id, x.startsAt])));
  const results: { id: string }[] = [];
  for (const { d1 } of allSales(env)) {
    if (results.length >= 500) break;
    const found = await d1
      .prepare(
        `SELECT b.id FROM bookings b
           LEFT JOIN email_log l ON l.id = 'show_reminder:' || b.id
          WHERE b.status = 'CONFIRMED' AND b.showtime_id IN (SELECT key FROM json_each(?1))
            AND COALESCE(b.confirmed_at, b.created_at) < json_extract(?1, '$."' || b.showtime_id || '"') - ?2
            AND l.id IS NULL
          LIMIT ?3`,
      )
      .bind(starts, windowMs, 500 - results.length)
      .all<{ id: string }>();
    results.push(...found.results);
  }
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < results.length; i += 100) {
    await env.EMAIL_QUEUE.sendBatch(results.slice(i, i + 100).map((r) => ({ body: emailJob("show_reminder", r.id), contentType: "json" as const })));
  }
  return results.length;
}
