import { and, eq, inArray, lte } from "drizzle-orm";
import { bookings, payments, refunds } from "#app/db/schema.server";
import { UNSETTLED_STATUSES } from "#app/domain/booking-state";
import { seatsOf } from "#app/seats/gateway.server";
import type { PaymentDeps } from "./context.server";
import { issueRefund, releasePendingSeats, settlePayment, transition } from "./settle.server";
import { log } from "#app/observability/log.server";
import { allSales } from "#app/db/shards.server";
import type { Db } from "#app/utils/db.server";

/** The default of RECONCILE_GRACE_SECONDS: how long past the hold's expiry a booking may wait for its callback or webhook before we ask. */
export const RECONCILE_GRACE_MS = 5 * 60 * 1000;
const BATCH = 50;

export type ReconcileReport = { examined: number; settled: number; expired: number; refundsRetried: number; capturesRetried: number; errors: number };

/**
 * The cron job that makes "one ticket or one refund" true even when the browser never came back,
 * a webhook was lost or Razorpay was down: it asks Razorpay about every booking that should have
 * settled by now and settles it through the same settlePayment. Conditional updates make two
 * concurrent runs harmless.
 */
export async function reconcilePayments(deps: PaymentDeps): Promise<ReconcileReport> {
  const report: ReconcileReport = { examined: 0, settled: 0, expired: 0, refundsRetried: 0, capturesRetried: 0, errors: 0 };
  // Every booking database, one after another (ADR 031): each is small, and settling is per booking.
  for (const sales of allSales(deps.env)) await reconcileShard(deps, sales.db, report);
  return report;
}

async function reconcileShard(deps: PaymentDeps, db: Db, report: ReconcileReport): Promise<void> {
  const cutoff = deps.now() - deps.holdTtlMs - deps.reconcileGraceMs;

  const stuck = await db
    .select()
    .from(bookings)
    .where(and(inArray(bookings.status, [...UNSETTLED_STATUSES]), lte(bookings.createdAt, cutoff)))
    .limit(BATCH)
    .all();
  for (const booking of stuck) {
    report.examined++;
    try {
      if (!booking.razorpayOrderId) {
        if (await expire(deps, booking.id, booking.showtimeId)) report.expired++;
        continue;
      }
      const listed = await deps.razorpay.orderPayments(booking.razorpayOrderId);
      if (!listed.ok) {
        report.errors++;
        continue;
      }
      let paid = false;
      for (const payment of listed.value) {
        if (payment.status === "authorized" || payment.status === "captured") paid = true;
        if (payment.status !== "created") {
          await settlePayment(deps, booking.id, payment);
          report.settled++;
        }
      }
      if (!paid && booking.status === "PENDING_PAYMENT" && (await expire(deps, booking.id, booking.showtimeId))) report.expired++;
    } catch (error) {
      report.errors++;
      log.error("reconcile.booking_failed", { bookingId: booking.id, outcome: "next_run", error });
    }
  }

  // Refunds Razorpay has not confirmed (or we could not ask for): retried with the same key.
  const pendingRefunds = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, "PENDING"), lte(refunds.createdAt, deps.now() - deps.reconcileGraceMs)))
    .limit(BATCH)
    .all();
  for (const refund of pendingRefunds) {
    try {
      await issueRefund(deps, { bookingId: refund.bookingId, paymentId: refund.paymentId, amount: refund.amount, reason: refund.reason });
      report.refundsRetried++;
    } catch (error) {
      report.errors++;
      log.error("reconcile.refund_failed", { refundId: refund.id, outcome: "next_run", error });
    }
  }

  // Confirmed bookings whose capture did not go through (Razorpay was down at that moment).
  const uncaptured = await db
    .select({ bookingId: bookings.id, paymentId: payments.id })
    .from(payments)
    .innerJoin(bookings, and(eq(bookings.razorpayPaymentId, payments.id), eq(bookings.status, "CONFIRMED")))
    .where(and(eq(payments.status, "authorized"), lte(payments.updatedAt, deps.now() - deps.reconcileGraceMs)))
    .limit(BATCH)
    .all();
  for (const row of uncaptured) {
    const fetched = await deps.razorpay.fetchPayment(row.paymentId);
    if (!fetched.ok) {
      report.errors++;
      continue;
    }
    await settlePayment(deps, row.bookingId, fetched.value);
    report.capturesRetried++;
  }
}

/** Nothing was paid: the booking expires and anything it still claims goes back on sale. */
async function expire(deps: PaymentDeps, bookingId: string, showtimeId: string): Promise<boolean> {
  const moved = await transition(deps, bookingId, "expired", { failureReason: "The hold expired before a payment arrived." });
  if (moved) {
    await releasePendingSeats(deps.env, bookingId);
    await seatsOf(deps.env, showtimeId).releaseBooking(bookingId);
  }
  return moved;
}

