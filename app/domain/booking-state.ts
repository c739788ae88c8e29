import type { BookingStatus } from "./enums";

/**
 * The booking state machine (drawn in docs/payments.md). Every status change in D1 is a
 * conditional UPDATE whose WHERE clause lists the `from` states allowed here, so a late or
 * repeated event can never move a booking along an edge that is not in this table.
 */
export type BookingEvent =
  /** The seats were secured in the DO and in D1 for this payment. */
  | "seats_secured"
  /** A captured payment could not get its seats: the money goes back. */
  | "seats_lost_captured"
  /** An authorized (uncaptured) payment could not get its seats: it is never captured. */
  | "seats_lost_uncaptured"
  /** Reconciliation: the hold ran out and Razorpay has no successful payment for the order. */
  | "expired"
  /** A payment for a booking that already ended (expired, failed) turned up captured. */
  | "late_capture"
  /** Razorpay reports the refund processed. */
  | "refund_processed"
  /** The owner cancelled (or an operator cancelled the show) before the cut-off. */
  | "cancelled";

export const TRANSITIONS: Record<BookingEvent, { from: readonly BookingStatus[]; to: BookingStatus }> = {
  seats_secured: { from: ["PENDING_PAYMENT"], to: "CONFIRMED" },
  seats_lost_captured: { from: ["PENDING_PAYMENT", "EXPIRED", "FAILED"], to: "REFUND_PENDING" },
  seats_lost_uncaptured: { from: ["PENDING_PAYMENT"], to: "FAILED" },
  expired: { from: ["PENDING_PAYMENT"], to: "EXPIRED" },
  late_capture: { from: ["EXPIRED", "FAILED"], to: "REFUND_PENDING" },
  refund_processed: { from: ["REFUND_PENDING"], to: "REFUNDED" },
  cancelled: { from: ["CONFIRMED"], to: "CANCELLED" },
};

/** Statuses reconciliation looks at once the hold and a grace period have passed. */
export const UNSETTLED_STATUSES: readonly BookingStatus[] = ["PENDING_PAYMENT", "REFUND_PENDING"];

/**
 * The status a page shows. A PENDING_PAYMENT booking whose hold deadline has passed can no longer
 * be paid for, so it reads as EXPIRED the moment anyone looks; the cron later settles the money
 * (and a payment that did arrive in time still makes it CONFIRMED in D1, which this never hides).
 */
export function viewStatus(booking: { status: BookingStatus; holdExpiresAt: number | null }, now: number): BookingStatus {
  if (booking.status === "PENDING_PAYMENT" && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now) return "EXPIRED";
  return booking.status;
}
