import { backoffSeconds } from "#app/domain/email-delivery";
import { getConfig } from "#app/utils/env.server";
import { emailJob } from "./job";
import { log } from "#app/observability/log.server";
import { CLAIM_LEASE_MS } from "./log.server";
import { allSales } from "#app/db/shards.server";

/** How far back the cron looks for confirmations still owed (older ones are an operator's, via the console). */
export const OWED_LOOKBACK_MS = 24 * 3600_000;

/**
 * Cron: queue the confirmation again for every confirmed booking whose email should have gone by
 * now and has not: no `email_log` row at all (the Worker died, or D1 or the queue failed, between
 * confirming the booking and queueing its email: nothing else would ever queue it), or a row left
 * RETRYING or SENDING well past the moment its message was due back (a message the queue lost).
 * Sending twice is impossible: the consumer claims `email_log` before sending, so a duplicate
 * message finds the row SENT and sends nothing (ADR 011). Found by the chaos run (ADR 028).
 */
export async function enqueueOwedConfirmations(env: Env, now: number): Promise<number> {
  const graceMs = getConfig(env).RECONCILE_GRACE_SECONDS * 1000;
  // Each booking database holds its bookings and their email log (ADR 031).
  const results: { id: string; status: string | null; attempts: number | null; updatedAt: number | null }[] = [];
  for (const { d1 } of allSales(env)) {
    const found = await d1.prepare(
      `SELECT b.id, l.status, l.attempts, l.updated_at AS updatedAt FROM bookings b
         LEFT JOIN email_log l ON l.id = 'booking_confirmed:' || b.id
        WHERE b.status = 'CONFIRMED' AND b.confirmed_at <= ?1 AND b.confirmed_at > ?2
          AND (l.id IS NULL OR l.status IN ('RETRYING', 'SENDING'))
        LIMIT 500`,
    )
      .bind(now - graceMs, now - OWED_LOOKBACK_MS)
      .all<{ id: string; status: string | null; attempts: number | null; updatedAt: number | null }>();
    results.push(...found.results);
  }
  const owed = results.filter((r) => {
    if (r.status === null || r.updatedAt === null) return true;
    const dueBackMs = r.status === "SENDING" ? CLAIM_LEASE_MS : backoffSeconds(r.attempts ?? 1) * 1000;
    return r.updatedAt + dueBackMs + graceMs <= now;
  });
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < owed.length; i += 100) {
    await env.EMAIL_QUEUE.sendBatch(owed.slice(i, i + 100).map((r) => ({ body: emailJob("booking_confirmed", r.id), contentType: "json" as const })));
  }
  if (owed.length) log.info("email.owed_requeued", { type: "booking_confirmed", count: owed.length });
  return owed.length;
}
