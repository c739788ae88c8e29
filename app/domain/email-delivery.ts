import type { EmailType } from "./enums";

/**
 * What to do with an email send that did not succeed. Plain rules, no Worker globals: the queue
 * consumer only wires them to `message.retry()` / `message.ack()`.
 *
 * The `resend` client never throws on HTTP or network errors; it returns `{ error }` whose
 * `statusCode` is the HTTP status (null for a network failure) and whose `name` is Resend's code.
 */
export type ProviderError = { statusCode: number | null; name: string; message: string };

export type SendVerdict =
  | { kind: "retry"; delaySeconds: number; reason: string }
  | { kind: "permanent"; reason: string };

/** First retry after 30 s, doubling per delivery attempt, never more than an hour. */
export const BACKOFF_BASE_SECONDS = 30;
export const BACKOFF_MAX_SECONDS = 3600;

/** `attempts` is the queue's count for this delivery: 1 on the first try. */
export function backoffSeconds(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (n - 1));
}

// Codes Resend documents as worth retrying even when a proxy hides the status.
const TRANSIENT_NAMES = new Set(["rate_limit_exceeded", "internal_server_error", "application_error", "concurrent_idempotent_requests"]);

/**
 * Network errors, 429 and 5xx are the mail service's problem and pass; everything else (422 validation,
 * a bad address, a rejected key) will fail the same way every time, so retrying only delays the
 * inevitable and hides it from an operator. 409 concurrent_idempotent_requests means our own earlier
 * attempt with this key is still in flight at Resend: wait and ask again.
 */
export function classifySendError(error: ProviderError, attempts: number, retryAfterSeconds: number | null = null): SendVerdict {
  // A Resend error body without a statusCode (or a network failure: statusCode null) is judged by its name.
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const transient =
    status === null
      ? !error.name || TRANSIENT_NAMES.has(error.name)
      : status === 429 || status >= 500 || (status === 409 && error.name === "concurrent_idempotent_requests");
  const reason = `${status ?? "network"} ${error.name}: ${error.message}`.slice(0, 500);
  if (!transient) return { kind: "permanent", reason };
  const delay = Math.max(backoffSeconds(attempts), Math.min(retryAfterSeconds ?? 0, BACKOFF_MAX_SECONDS));
  return { kind: "retry", delaySeconds: delay, reason };
}

/** Retry-After in seconds (the only form Resend sends); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

const CANCELLED_STATES = new Set(["CANCELLED", "REFUND_PENDING", "REFUNDED"]);

/**
 * A message can be consumed long after it was sent (retries, a backlog): the booking may have moved
 * on. A confirmation for a booking cancelled meanwhile would hand out a dead QR code, so it is
 * skipped; the cancellation email says what happened instead. Null = send.
 */
export function whyNotSend(
  type: EmailType,
  booking: { status: string; startsAt: number; refund: unknown },
  now: number,
): string | null {
  switch (type) {
    case "booking_confirmed":
      return booking.status === "CONFIRMED" ? null : `booking is ${booking.status}, not CONFIRMED`;
    case "show_reminder":
      if (booking.status !== "CONFIRMED") return `booking is ${booking.status}, not CONFIRMED`;
      return booking.startsAt > now ? null : "the show has already started";
    case "booking_cancelled":
      return CANCELLED_STATES.has(booking.status) ? null : `booking is ${booking.status}, not cancelled`;
    case "refund_issued":
      return booking.refund ? null : "the booking has no refund";
  }
}
