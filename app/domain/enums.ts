/**
 * Closed sets of values the database stores as text. They live here, not in the schema, so pages
 * can show them without pulling drizzle and the table definitions into the browser bundle.
 */
export const SHOWTIME_FORMATS = ["2D", "3D", "IMAX", "4DX"] as const;
export type ShowtimeFormat = (typeof SHOWTIME_FORMATS)[number];

export const BOOKING_STATUSES = [
  "PENDING_PAYMENT",
  "CONFIRMED",
  "EXPIRED",
  "FAILED",
  "CANCELLED",
  "REFUND_PENDING",
  "REFUNDED",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const EMAIL_TYPES = ["booking_confirmed", "refund_issued", "booking_cancelled", "show_reminder"] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const EMAIL_LOG_STATUSES = ["SENDING", "RETRYING", "SENT", "FAILED", "SKIPPED"] as const;

/** Emails about an account rather than a booking (app/email/job.ts). */
export const ACCOUNT_EMAIL_TYPES = ["verify_email", "password_reset", "password_changed", "signup_existing"] as const;
export type AccountEmailType = (typeof ACCOUNT_EMAIL_TYPES)[number];

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "password_reset"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];
