import { z } from "zod";
import { ACCOUNT_EMAIL_TYPES, EMAIL_TYPES } from "#app/domain/enums";

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

/**
 * The queue's other message: an email about an account (verification code, reset link, password
 * changed, "someone tried to sign up as you"). It carries no secret: the consumer re-derives the
 * code or link from the token id and the server secret (app/auth/account-tokens.server.ts), so a
 * dead letter or a log line never holds a usable code. `ref` is the token id, or an event id for
 * notices; `${type}:${ref}` is the provider's idempotency key.
 */
export const accountEmailJobSchema = z.object({
  type: z.enum(ACCOUNT_EMAIL_TYPES),
  userId: z.string().min(1).max(64),
  ref: z.string().min(1).max(64),
  idempotencyKey: z.string().min(1).max(160),
});

export type AccountEmailJob = z.output<typeof accountEmailJobSchema>;

export function accountEmailJob(type: AccountEmailJob["type"], userId: string, ref: string): AccountEmailJob {
  return { type, userId, ref, idempotencyKey: `${type}:${ref}` };
}
