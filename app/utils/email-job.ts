import { z } from "zod";
import { EMAIL_TYPES } from "#app/db/schema";

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

export function emailJob(type: EmailJob["type"], bookingId: string): EmailJob {
  return { type, bookingId, idempotencyKey: `${type}:${bookingId}` };
}
