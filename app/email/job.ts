import { z } from "zod";
import { EMAIL_TYPES } from "#app/domain/enums";

/**
 * The one message the email queue carries. Small on purpose: the consumer reloads the booking, so a
 * message never holds stale ticket data, and the key makes a redelivery or a duplicate send nothing.
 */
export const emailJobSchema = z.object({
  type: z.enum(EMAIL_TYPES),
  bookingId: z.string().min(1).max(64),
  /** `${type}:${bookingId}`: also the email_log row id and Resend's idempotency key. */
  idempotencyKey: z.string().min(1).max(160),
});

export type EmailJob = z.output<typeof emailJobSchema>;

/**
 * `resend` makes an operator's deliberate "send it again" a new email with a key of its own
 * (`…:resend:<n>`): the provider de-duplicates by key, so reusing the first key would send nothing.
 */
export function emailJob(type: EmailJob["type"], bookingId: string, resend?: number): EmailJob {
  const base = `${type}:${bookingId}`;
  return { type, bookingId, idempotencyKey: resend === undefined ? base : `${base}:resend:${resend}` };
}

/** A key the consumer accepts: the job's own, or an operator re-send of it. */
export function hasValidKey(job: EmailJob): boolean {
  const base = `${job.type}:${job.bookingId}`;
  const prefix = `${base}:resend:`;
  const key = job.idempotencyKey;
  return key === base || (key.startsWith(prefix) && /^\d{1,16}$/.test(key.slice(prefix.length)));
}
