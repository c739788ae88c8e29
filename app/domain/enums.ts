/**
 * Closed sets of values the database stores as text. They live here, not in the schema, so pages
 * can show them without pulling drizzle and the table definitions into the browser bundle.
 */
/** A showtime's language and format come from operator-maintained lists (showtime_options), one per kind. */
export const SHOWTIME_OPTION_KINDS = ["language", "format"] as const;
export type ShowtimeOptionKind = (typeof SHOWTIME_OPTION_KINDS)[number];

/** admin: everything; cinema_manager: their cinemas' screens, showtimes, sales, bookings; door: check-in at their cinemas. */
export const USER_ROLES = ["customer", "admin", "cinema_manager", "door"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const STAFF_ROLES = ["admin", "cinema_manager", "door"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Where an account lands after logging in with nowhere else to go: staff in the console (door staff are sent on to the door), customers on their account. */
export function homeOf(role: UserRole): string {
  return (STAFF_ROLES as readonly UserRole[]).includes(role) ? "/admin" : "/account";
}

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
export const ACCOUNT_EMAIL_TYPES = ["verify_email", "password_reset", "password_changed", "signup_existing", "sign_in_link"] as const;
export type AccountEmailType = (typeof ACCOUNT_EMAIL_TYPES)[number];

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "password_reset", "sign_in"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];
