import { salesOfBooking, salesOfShowtime } from "#app/db/shards.server";
import { and, eq } from "drizzle-orm";
import { bookings, showtimes, type Booking } from "#app/db/schema.server";
import { cancelAndRefundBooking, lostSeatsReason, releasePendingSeats, transition } from "#app/payments/settle.server";
import { auditEntry } from "./guard.server";
import type { Services } from "#app/utils/context.server";
import { requeueDeadLetter } from "#app/email/log.server";
import { enqueueEmail } from "#app/email/queue.server";
import { seatsOf } from "#app/seats/gateway.server";
import type { SessionUser } from "#app/auth/session.server";

/**
 * The operator actions that move money or send mail on a customer's behalf, in one module so that
 * the payments integration has exactly one seam to replace: `refundBooking` below.
 */

export type RefundReason = "showtime_cancelled" | "operator_refund";
export type RefundOutcome = { ok: true } | { ok: false; message: string };
/** The refund step: given a CONFIRMED booking, pay it back and take it out of CONFIRMED. Must be idempotent. */
export type RefundStep = (s: Services, booking: Pick<Booking, "id" | "showtimeId">, reason: RefundReason) => Promise<RefundOutcome>;

/**
 * The operator's refund: the whole amount paid, fee included (the customer did nothing wrong), through
 * the same cancellation path customers use, so the seats go back on sale, the refund carries its
 * idempotency key and the cancellation email is queued once.
 */
export const refundBooking: RefundStep = async (s, booking, reason) => {
  const row = await salesOfBooking(s.env, booking.id).db.select({ total: bookings.totalAmount }).from(bookings).where(eq(bookings.id, booking.id)).get();
  if (!row) return { ok: false, message: "That booking doesn't exist." };
  const deps = await s.payments();
  const result = await cancelAndRefundBooking(deps, booking.id, { refundPaise: row.total, reason, by: "operator" });
  return result.ok ? { ok: true } : { ok: false, message: "This booking is not confirmed any more." };
};

export type CancelShowtimeResult = { refunded: number; failed: { bookingId: string; message: string }[] };

/**
 * Cancels a showtime and refunds every confirmed booking of it. Safe to repeat: the showtime flips
 * to CANCELLED once, and only bookings still CONFIRMED are refunded, so a retry after a failed
 * refund picks up exactly the ones that are left.
 */
export async function cancelShowtime(
  s: Services,
  admin: Pick<SessionUser, "id">,
  showtimeId: string,
  refund: RefundStep = refundBooking,
): Promise<CancelShowtimeResult> {
  const [flipped] = await s.db.batch([
    s.db.update(showtimes).set({ status: "CANCELLED" }).where(and(eq(showtimes.id, showtimeId), eq(showtimes.status, "SCHEDULED"))),
    auditEntry(s, admin, "showtime.cancel", showtimeId),
  ]);
  // The seat object re-reads the status, so new holds are refused from here on.
  if (flipped.meta.changes > 0) await seatsOf(s.env, showtimeId).refresh();

  // A checkout still open for the show can no longer be paid: the booking says why, and a payment
  // already on its way finds it closed (never captured, or refunded if it was).
  // The show's sales are all in its shard (ADR 031): no other booking database is touched.
  const { db } = await salesOfShowtime(s.env, showtimeId);
  const pending = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.showtimeId, showtimeId), eq(bookings.status, "PENDING_PAYMENT"))).all();
  for (const booking of pending) {
    if (await transition({ env: s.env, now: () => s.now }, booking.id, "seats_lost_uncaptured", { failureReason: lostSeatsReason(["show_cancelled"]) })) {
      await releasePendingSeats(s.env, booking.id);
    }
  }

  const confirmed = await db
    .select({ id: bookings.id, showtimeId: bookings.showtimeId })
    .from(bookings)
    .where(and(eq(bookings.showtimeId, showtimeId), eq(bookings.status, "CONFIRMED")))
    .all();
  const result: CancelShowtimeResult = { refunded: 0, failed: [] };
  for (const booking of confirmed) {
    const outcome = await refund(s, booking, "showtime_cancelled");
    if (!outcome.ok) {
      result.failed.push({ bookingId: booking.id, message: outcome.message });
      continue;
    }
    result.refunded += 1;
    await auditEntry(s, admin, "booking.refund", booking.id, { reason: "showtime_cancelled", showtimeId });
  }
  return result;
}

/** An operator's refund of one booking (goodwill, wrong seats, …). */
export async function refundBookingAsOperator(
  s: Services,
  admin: Pick<SessionUser, "id">,
  booking: Pick<Booking, "id" | "showtimeId" | "status" | "checkedInAt">,
  note: string,
  refund: RefundStep = refundBooking,
): Promise<RefundOutcome> {
  if (booking.status !== "CONFIRMED") return { ok: false, message: "Only confirmed bookings can be refunded." };
  const outcome = await refund(s, booking, "operator_refund");
  // A used ticket refunded is an exception worth seeing in the log: say so.
  if (outcome.ok) await auditEntry(s, admin, "booking.refund", booking.id, { reason: "operator_refund", note, checkedIn: booking.checkedInAt !== null });
  return outcome;
}

/** Queues the confirmation email again (the consumer reloads the booking, so it is current). */
export async function resendConfirmation(s: Services, admin: Pick<SessionUser, "id">, booking: Pick<Booking, "id" | "status">): Promise<RefundOutcome> {
  if (booking.status !== "CONFIRMED") return { ok: false, message: "Only confirmed bookings have a confirmation to re-send." };
  await enqueueEmail(s.env, "booking_confirmed", booking.id, { resend: s.now });
  await auditEntry(s, admin, "email.resend", booking.id, { type: "booking_confirmed" });
  return { ok: true };
}

const REQUEUE_REFUSAL = {
  not_found: "That dead letter doesn't exist.",
  unusable: "This message isn't a valid email job; it can't be re-sent.",
  already_resent: "This email was already re-sent.",
} as const;

/** Puts a dead-lettered email back on the queue, once (the email pipeline's requeue), and audits it. */
export async function resendDeadLetter(s: Services, admin: Pick<SessionUser, "id">, deadLetterId: string): Promise<RefundOutcome> {
  const result = await requeueDeadLetter(s.env, deadLetterId, s.now);
  if (result !== "requeued") return { ok: false, message: REQUEUE_REFUSAL[result] };
  await auditEntry(s, admin, "email.resend_dead_letter", deadLetterId);
  return { ok: true };
}
