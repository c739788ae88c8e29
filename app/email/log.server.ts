import { desc } from "drizzle-orm";
import { emailDeadLetters } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import { emailJobSchema, type EmailJob } from "./job";
import { enqueueEmail } from "./queue.server";
import { salesOfBooking, type ShardEnv } from "#app/db/shards.server";

/**
 * The email_log row is the consumer's idempotency record: a message may only send after it has
 * claimed the row. Raw SQL because the claim is one conditional upsert with RETURNING, which D1
 * runs atomically (there are no interactive transactions to lean on).
 */

/** How long a SENDING claim is honoured before another delivery may take over (a consumer that died mid-send). */
export const CLAIM_LEASE_MS = 120_000;

export type Claim =
  | { claimed: true; attempts: number }
  | { claimed: false; status: "SENT" | "FAILED" | "SKIPPED" }
  | { claimed: false; status: "SENDING"; retryInSeconds: number };

type Row = { status: string; attempts: number; updated_at: number };

export async function claimEmail(db: D1Database, job: EmailJob, recipient: string, now: number): Promise<Claim> {
  const claimed = await db
    .prepare(
      `INSERT INTO email_log (id, booking_id, type, recipient, status, attempts, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'SENDING', 1, ?5, ?5)
       ON CONFLICT(id) DO UPDATE SET status = 'SENDING', attempts = email_log.attempts + 1, recipient = ?4, updated_at = ?5
       WHERE email_log.status = 'RETRYING' OR (email_log.status = 'SENDING' AND email_log.updated_at <= ?6)
       RETURNING attempts`,
    )
    .bind(job.idempotencyKey, job.bookingId, job.type, recipient, now, now - CLAIM_LEASE_MS)
    .first<{ attempts: number }>();
  if (claimed) return { claimed: true, attempts: claimed.attempts };
  const row = await db.prepare("SELECT status, attempts, updated_at FROM email_log WHERE id = ?").bind(job.idempotencyKey).first<Row>();
  if (row?.status === "SENT" || row?.status === "FAILED" || row?.status === "SKIPPED") return { claimed: false, status: row.status };
  // Someone else holds a live claim (a duplicate message being handled right now): look again after it expires.
  const leaseLeft = row ? row.updated_at + CLAIM_LEASE_MS - now : CLAIM_LEASE_MS;
  return { claimed: false, status: "SENDING", retryInSeconds: Math.max(30, Math.ceil(leaseLeft / 1000)) };
}

export async function finishEmail(
  db: D1Database,
  key: string,
  outcome: { status: "SENT"; providerId: string } | { status: "FAILED" | "RETRYING" | "SKIPPED"; error: string },
  now: number,
): Promise<void> {
  const providerId = outcome.status === "SENT" ? outcome.providerId : null;
  const error = outcome.status === "SENT" ? null : outcome.error.slice(0, 1000);
  await db
    .prepare("UPDATE email_log SET status = ?, provider_id = COALESCE(?, provider_id), last_error = ?, updated_at = ? WHERE id = ?")
    .bind(outcome.status, providerId, error, now, key)
    .run();
}

/** A booking's email log lives with the booking, in its shard (ADR 031). */
export function logOf(env: ShardEnv, job: Pick<EmailJob, "bookingId">): D1Database {
  return salesOfBooking(env, job.bookingId).d1;
}

/** finishEmail for many rows in one D1 round trip per booking database (a batch send's outcomes). */
export async function finishMany(
  env: ShardEnv,
  rows: { job: Pick<EmailJob, "bookingId">; key: string; outcome: { status: "SENT"; providerId: string } | { status: "FAILED" | "RETRYING" | "SKIPPED"; error: string } }[],
  now: number,
): Promise<void> {
  const byShard = new Map<D1Database, typeof rows>();
  for (const row of rows) {
    const db = logOf(env, row.job);
    byShard.set(db, [...(byShard.get(db) ?? []), row]);
  }
  for (const [db, part] of byShard) {
    await db.batch(
      part.map(({ key, outcome }) =>
        db
          .prepare("UPDATE email_log SET status = ?, provider_id = COALESCE(?, provider_id), last_error = ?, updated_at = ? WHERE id = ?")
          .bind(outcome.status, outcome.status === "SENT" ? outcome.providerId : null, outcome.status === "SENT" ? null : outcome.error.slice(0, 1000), now, key),
      ),
    );
  }
}

/** A message the consumer could not use, or one that ran out of retries: kept for an operator. */
export async function recordDeadLetter(
  db: D1Database,
  message: { id: string; body: unknown; attempts: number },
  reason: string,
  now: number,
): Promise<void> {
  let body: string;
  try {
    body = JSON.stringify(message.body) ?? String(message.body);
  } catch {
    body = String(message.body);
  }
  await db
    .prepare(
      "INSERT INTO email_dead_letters (id, body, attempts, received_at, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    )
    .bind(message.id, body.slice(0, 10_000), message.attempts, now, reason.slice(0, 500))
    .run();
}

export type RequeueResult = "requeued" | "not_found" | "unusable" | "already_resent";

/**
 * An operator's "send again" for a dead letter, once: resent_at is set conditionally, then the
 * email_log row is reopened (FAILED/RETRYING → claimable; the email never went out under its key, so
 * the same key can be claimed again) and the job goes back on the queue. A SENT row stays SENT, so a
 * re-send of an email that did go out after all sends nothing.
 */
export async function requeueDeadLetter(env: ShardEnv & Pick<Env, "EMAIL_QUEUE">, id: string, now: number): Promise<RequeueResult> {
  const row = await env.DB.prepare("SELECT body FROM email_dead_letters WHERE id = ?").bind(id).first<{ body: string }>();
  if (!row) return "not_found";
  let body: unknown;
  try {
    body = JSON.parse(row.body);
  } catch {
    return "unusable";
  }
  const job = emailJobSchema.safeParse(body);
  if (!job.success) return "unusable";
  const marked = await env.DB.prepare("UPDATE email_dead_letters SET resent_at = ? WHERE id = ? AND resent_at IS NULL").bind(now, id).run();
  if (marked.meta.changes === 0) return "already_resent";
  await logOf(env, job.data).prepare("UPDATE email_log SET status = 'RETRYING', updated_at = ? WHERE id = ? AND status IN ('FAILED', 'RETRYING')")
    .bind(now, job.data.idempotencyKey)
    .run();
  await enqueueEmail(env, job.data.type, job.data.bookingId);
  return "requeued";
}

/** The dead-letter queue's rows, newest first, for the operator console. */
export async function listDeadLetters(db: Db, limit = 200) {
  return db.select().from(emailDeadLetters).orderBy(desc(emailDeadLetters.receivedAt)).limit(limit).all();
}
