import { emailJob } from "./job";
import { getConfig } from "#app/utils/env.server";

/**
 * Cron: queue a `show_reminder` for each confirmed booking whose show starts within the next
 * REMINDER_HOURS_BEFORE hours and that has no reminder logged yet. Bookings made inside that window
 * are left out (their confirmation just arrived). A booking picked up by two runs before its first
 * message is consumed is harmless: the consumer's email_log claim lets only one send.
 */
export async function enqueueShowReminders(env: Env, now: number): Promise<number> {
  const windowMs = getConfig(env).REMINDER_HOURS_BEFORE * 3600_000;
  if (windowMs === 0) return 0;
  const { results } = await env.DB.prepare(
    `SELECT b.id FROM bookings b
       JOIN showtimes s ON s.id = b.showtime_id
       LEFT JOIN email_log l ON l.id = 'show_reminder:' || b.id
      WHERE b.status = 'CONFIRMED' AND s.status = 'SCHEDULED'
        AND s.starts_at > ?1 AND s.starts_at <= ?1 + ?2
        AND COALESCE(b.confirmed_at, b.created_at) < s.starts_at - ?2
        AND l.id IS NULL
      LIMIT 500`,
  )
    .bind(now, windowMs)
    .all<{ id: string }>();
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < results.length; i += 100) {
    await env.EMAIL_QUEUE.sendBatch(results.slice(i, i + 100).map((r) => ({ body: emailJob("show_reminder", r.id), contentType: "json" as const })));
  }
  return results.length;
}
