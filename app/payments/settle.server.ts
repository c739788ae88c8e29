import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { bookings, refunds, type Booking, type BookingSeat, type Refund } from "#app/db/schema.server";
import { TRANSITIONS, type BookingEvent } from "#app/domain/booking-state";
import { isUniqueViolation, rowOf } from "#app/utils/db.server";
import { allSales, bookingIdInNotes, salesOfBooking, type Sales, type ShardEnv } from "#app/db/shards.server";
import { enqueueEmail } from "#app/email/queue.server";
import { seatsOf } from "#app/seats/gateway.server";
import { getBooking } from "./bookings.server";
import type { PaymentDeps } from "./context.server";
import { isTransient } from "./razorpay.server";
import type { RazorpayPayment, RazorpayRefund } from "./razorpay-schemas";
import { recordEvent, type EventKind } from "#app/observability/events.server";
import { log } from "#app/observability/log.server";
import type { SeatRefusalReason } from "#app/seats/contract";

/**
 * The single path from "Razorpay says this payment exists" to "one ticket or one refund".
 * The browser callback, every webhook and reconciliation call settlePayment; it is idempotent and
 * safe to run concurrently with itself, because every write is a conditional UPDATE or an
 * insert guarded by a unique index (D1 has no interactive transactions).
 */
export type SettleOutcome =
  | { kind: "confirmed"; fresh: boolean }
  | { kind: "seats_lost"; refunded: boolean }
  | { kind: "failed"; reason: string }
  | { kind: "pending" }
  | { kind: "mismatch"; reason: "order" | "amount" | "currency" }
  | { kind: "surplus" }
  | { kind: "closed" };

/**
 * What settling knows before it decides: the booking (by id, or by the payment's order when a
 * webhook names only that), whether this report moved our copy of the payment, the payment's status
 * as we now hold it, and the booking's seats. One D1 round trip (issue 30): the payment row is
 * written in the same batch, only for the booking whose order the payment belongs to.
 */
export type Opened = {
  booking: Booking | undefined;
  /** Our payment row changed (a first report of this status): the event is recorded once. */
  recorded: boolean;
  /** The payment's status in our copy after this report (the highest seen). */
  storedStatus: RazorpayPayment["status"] | null;
  seats: { seatId: string }[];
};

/** The statements of `openSettlement`, for a caller that adds its own to the same batch (the webhook). */
export function openSettlementStatements(deps: Pick<PaymentDeps, "now">, sales: Sales, bookingId: string | null, payment: RazorpayPayment): D1PreparedStatement[] {
  const D1 = sales.d1;
  const orderId = payment.order_id ?? "";
  // ?2: the booking, or null for "whichever booking has this order" (a webhook).
  const ofBooking = "razorpay_order_id = ?1 AND (?2 IS NULL OR id = ?2)";
  return [
    D1.prepare(
      `INSERT INTO payments (id, booking_id, order_id, amount, currency, status, method, error_reason, created_at, updated_at)
       SELECT ?3, b.id, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?9 FROM bookings b WHERE b.razorpay_order_id = ?1 AND (?2 IS NULL OR b.id = ?2)
       ON CONFLICT(id) DO UPDATE SET status = excluded.status, method = excluded.method, error_reason = excluded.error_reason, updated_at = excluded.updated_at
       WHERE ${PAYMENT_RANK.replace("%s", "excluded.status")} > ${PAYMENT_RANK.replace("%s", "payments.status")}`,
    ).bind(orderId, bookingId, payment.id, payment.amount, payment.currency, payment.status, payment.method ?? null, payment.error_description ?? null, deps.now()),
    D1.prepare(`SELECT * FROM bookings WHERE ${ofBooking}`).bind(orderId, bookingId),
    D1.prepare("SELECT status FROM payments WHERE id = ?").bind(payment.id),
    D1.prepare(`SELECT seat_id FROM booking_seats WHERE booking_id IN (SELECT id FROM bookings WHERE ${ofBooking}) ORDER BY seat_id`).bind(orderId, bookingId),
  ];
}

/** `openSettlementStatements`' four results, read. */
export function openedFrom(results: D1Result<Record<string, unknown>>[]): Opened {
  const [written, booking, stored, seats] = results;
  return {
    booking: rowOf(bookings, booking?.results[0]),
    recorded: (written?.meta.changes ?? 0) > 0,
    storedStatus: (stored?.results[0]?.status as RazorpayPayment["status"] | undefined) ?? null,
    seats: (seats?.results ?? []).map((r) => ({ seatId: String(r.seat_id) })),
  };
}

/**
 * The booking id names its shard; a report that names only the order (a webhook whose notes carry
 * no booking id: none of ours since shards, ADR 031) is looked for shard by shard.
 */
async function openSettlement(deps: PaymentDeps, bookingId: string | null, payment: RazorpayPayment): Promise<Opened> {
  const shards = bookingId === null ? allSales(deps.env) : [salesOfBooking(deps.env, bookingId)];
  let opened: Opened | undefined;
  for (const sales of shards) {
    opened = openedFrom(await sales.d1.batch<Record<string, unknown>>(openSettlementStatements(deps, sales, bookingId, payment)));
    if (opened.booking) return opened;
  }
  return opened ?? { booking: undefined, recorded: false, storedStatus: null, seats: [] };
}

/**
 * Settles one report of a payment. `bookingId` null: a webhook, which names only the order; the
 * booking is the one that order belongs to. `opened`: the first batch, when the caller already ran it.
 */
export async function settlePayment(deps: PaymentDeps, bookingId: string | null, payment: RazorpayPayment, opened?: Opened): Promise<SettleOutcome> {
  const { booking, recorded, storedStatus, seats } = opened ?? (await openSettlement(deps, bookingId, payment));
  if (!booking?.razorpayOrderId || payment.order_id !== booking.razorpayOrderId) return { kind: "mismatch", reason: "order" };
  if (recorded) notePaymentEvent(deps, booking, payment, deps.now());

  if (payment.status === "created") return { kind: "pending" };
  if (payment.status === "failed") {
    const reason = payment.error_description ?? payment.error_reason ?? "The payment failed.";
    await noteFailure(deps, booking.id, reason);
    return { kind: "failed", reason };
  }
  if (payment.status === "refunded") return { kind: "closed" };

  // authorized or captured from here on: real money, which ends as a ticket or a refund.
  if (payment.currency !== booking.currency || payment.amount !== booking.totalAmount) {
    const reason = payment.currency !== booking.currency ? "currency" : "amount";
    await noteFailure(deps, booking.id, `The payment's ${reason} does not match the booking.`);
    if (payment.status === "captured") await refundPayment(deps, booking, payment, "payment_mismatch");
    return { kind: "mismatch", reason };
  }

  if (booking.status === "CONFIRMED") return afterConfirmed(deps, booking, payment, false, storedStatus);
  if (booking.status !== "PENDING_PAYMENT") {
    // The booking ended (expired, failed, refunded, cancelled) before this money arrived.
    if (payment.status === "captured") {
      await transition(deps, booking.id, "late_capture", { failureReason: "The payment arrived after the booking had ended." });
      await refundPayment(deps, booking, payment, "late_payment");
    }
    return { kind: "closed" };
  }

  const seatIds = seats.map((x) => x.seatId);
  const claim = await seatsOf(deps.env, booking.showtimeId).claimForBooking(booking.id, booking.userId, seatIds);
  const fresh = claim.ok ? await confirmInD1(deps, booking, payment) : false;
  // The batch that confirmed says what the booking now is; anything else is read back.
  const now = fresh ? confirmedCopy(booking, payment, deps.now()) : await getBooking(deps.env, booking.id);
  if (now?.status === "CONFIRMED") return afterConfirmed(deps, now, payment, fresh, storedStatus);
  if (now?.status !== "PENDING_PAYMENT") return settlePayment(deps, booking.id, payment);
  return loseSeats(deps, booking, payment, claim.ok ? [] : claim.seats.map((seat) => seat.reason));
}

/** The booking as the confirming batch left it (the same columns its UPDATE set). */
function confirmedCopy(booking: Booking, payment: RazorpayPayment, at: number): Booking {
  return { ...booking, status: "CONFIRMED", razorpayPaymentId: payment.id, confirmedAt: at, updatedAt: at, failureReason: null };
}

/**
 * The final judge: one D1 batch turns the booking's seats CONFIRMED (the partial unique index
 * refuses a seat someone else already has) and the booking CONFIRMED, or does neither.
 * Returns true when this call made the change.
 */
async function confirmInD1(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment): Promise<boolean> {
  try {
    return await moveWithSeats(deps, booking.id, "seats_secured", { from: "PENDING", to: "CONFIRMED" }, payment.id);
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * One D1 batch moves a booking along `event` and its seat rows from `seats.from` to `seats.to`,
 * both only if the booking is still in the edge's from-state: together or not at all.
 */
async function moveWithSeats(
  deps: PaymentDeps,
  bookingId: string,
  event: "seats_secured" | "cancelled",
  seats: { from: BookingSeat["status"]; to: BookingSeat["status"] },
  paymentId: string | null = null,
  options: { notCheckedIn?: boolean; also?: D1PreparedStatement[] } = {},
): Promise<boolean> {
  const D1 = salesOfBooking(deps.env, bookingId).d1;
  const edge = TRANSITIONS[event];
  // Every from-state of the edge, as a JSON list SQLite can test membership in.
  const from = JSON.stringify(edge.from);
  // notCheckedIn: only while the door has admitted nobody, judged in the same batch as the move, so
  // a check-in racing a customer's cancel is either before it (cancel refused) or after it (scan refused).
  const gate = options.notCheckedIn ? 1 : 0;
  const [, moved] = await D1.batch([
    D1.prepare(
      `UPDATE booking_seats SET status = ?2 WHERE booking_id = ?1 AND status = ?3
         AND EXISTS (SELECT 1 FROM bookings WHERE id = ?1 AND status IN (SELECT value FROM json_each(?4)) AND (?5 = 0 OR checked_in_at IS NULL))`,
    ).bind(bookingId, seats.to, seats.from, from, gate),
    D1.prepare(
      `UPDATE bookings SET status = ?2, updated_at = ?3,
         razorpay_payment_id = COALESCE(?4, razorpay_payment_id),
         confirmed_at = CASE WHEN ?2 = 'CONFIRMED' THEN ?3 ELSE confirmed_at END,
         cancelled_at = CASE WHEN ?2 = 'CANCELLED' THEN ?3 ELSE cancelled_at END,
         failure_reason = CASE WHEN ?2 = 'CONFIRMED' THEN NULL ELSE failure_reason END
       WHERE id = ?1 AND status IN (SELECT value FROM json_each(?5)) AND (?6 = 0 OR checked_in_at IS NULL)`,
    ).bind(bookingId, edge.to, deps.now(), paymentId, from, gate),
    ...(options.also ?? []),
  ]);
  return moved?.meta.changes === 1;
}

async function afterConfirmed(
  deps: PaymentDeps,
  booking: Booking,
  payment: RazorpayPayment,
  fresh: boolean,
  storedStatus: RazorpayPayment["status"] | null,
): Promise<SettleOutcome> {
  if (booking.razorpayPaymentId !== payment.id) {
    // The booking was already paid by another payment (a double payment): this one goes back.
    if (payment.status === "captured") await refundPayment(deps, booking, payment, "duplicate_payment");
    return { kind: "surplus" };
  }
  // Seats are secured: only now is the money taken. A late "authorized" report of a payment we have
  // already recorded as captured (Razorpay told us so) asks Razorpay nothing again.
  if (payment.status === "authorized" && storedStatus !== "captured" && storedStatus !== "refunded") await capture(deps, booking, payment);
  await seatsOf(deps.env, booking.showtimeId).confirmSale(booking.id);
  if (fresh) await enqueueEmail(deps.env, "booking_confirmed", booking.id);
  return { kind: "confirmed", fresh };
}

async function capture(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment): Promise<void> {
  const result = await deps.razorpay.capturePayment(payment.id, payment.amount, payment.currency);
  if (result.ok) {
    await recordPayment(deps, booking, result.value);
    return;
  }
  // A racing settle may have captured it already; anything else is retried by reconciliation.
  const fresh = await deps.razorpay.fetchPayment(payment.id);
  if (fresh.ok) {
    await recordPayment(deps, booking, fresh.value);
    if (fresh.value.status === "captured") return;
  }
  if (!isTransient(result.error)) {
    log.error("payment.capture_refused", { paymentId: payment.id, bookingId: booking.id, code: result.error.code, outcome: "refused" });
  }
}

/** Why the seats could not be had, as the booking page says it: the seat object's reasons, the most telling first. */
export function lostSeatsReason(reasons: readonly SeatRefusalReason[]): string {
  if (reasons.includes("show_cancelled")) return "This show was cancelled before the payment arrived, so no seats could be booked.";
  if (reasons.includes("blocked")) return "The cinema took these seats off sale before the payment arrived.";
  if (reasons.includes("held_by_other")) return "We could not get these seats: another fan was holding them when the payment arrived.";
  if (reasons.includes("over_limit")) return "We could not book these seats: you already have the most seats allowed for this show.";
  return "We could not get these seats: someone else bought them first.";
}

async function loseSeats(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment, reasons: readonly SeatRefusalReason[]): Promise<SettleOutcome> {
  await releasePendingSeats(deps.env, booking.id);
  await seatsOf(deps.env, booking.showtimeId).releaseBooking(booking.id);
  const failureReason = lostSeatsReason(reasons);
  if (payment.status === "captured") {
    const moved = await transition(deps, booking.id, "seats_lost_captured", { failureReason });
    await refundPayment(deps, booking, payment, "seats_unavailable", moved);
    return { kind: "seats_lost", refunded: true };
  }
  // Never captured, so never charged: Razorpay releases the authorization by itself.
  await transition(deps, booking.id, "seats_lost_uncaptured", { failureReason });
  return { kind: "seats_lost", refunded: false };
}

async function refundPayment(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment, reason: string, notify = false) {
  const amount = payment.amount - payment.amount_refunded;
  if (amount <= 0) return;
  await issueRefund(deps, { bookingId: booking.id, paymentId: payment.id, amount, reason });
  if (notify) await enqueueEmail(deps.env, "refund_issued", booking.id);
}

/** A booking that will not be paid gives back the seat rows it was waiting for (PENDING → RELEASED). */
export async function releasePendingSeats(env: ShardEnv, bookingId: string): Promise<void> {
  await salesOfBooking(env, bookingId).d1.prepare("UPDATE booking_seats SET status = 'RELEASED' WHERE booking_id = ? AND status = 'PENDING'").bind(bookingId).run();
}

/** Moves a booking along one edge of the state machine; false when it was not in a `from` state. */
export async function transition(
  deps: { env: ShardEnv; now: () => number },
  bookingId: string,
  event: BookingEvent,
  extra: Partial<Pick<Booking, "failureReason" | "cancelledAt">> = {},
): Promise<boolean> {
  const edge = TRANSITIONS[event];
  const result = await salesOfBooking(deps.env, bookingId)
    .db.update(bookings)
    .set({ status: edge.to, updatedAt: deps.now(), ...extra })
    .where(and(eq(bookings.id, bookingId), inArray(bookings.status, [...edge.from])))
    .run();
  return result.meta.changes === 1;
}

/** A failed or abandoned checkout keeps the booking (and the hold) open for another try. */
export async function noteFailure(
  deps: Pick<PaymentDeps, "env" | "now">,
  bookingId: string,
  reason: string,
  options: { keepEarlier?: boolean } = {},
): Promise<void> {
  await salesOfBooking(deps.env, bookingId)
    .db.update(bookings)
    .set({ failureReason: reason.slice(0, 300), updatedAt: deps.now() })
    .where(and(eq(bookings.id, bookingId), eq(bookings.status, "PENDING_PAYMENT"), options.keepEarlier ? isNull(bookings.failureReason) : undefined));
}

const PAYMENT_RANK = "CASE %s WHEN 'created' THEN 0 WHEN 'failed' THEN 1 WHEN 'authorized' THEN 2 WHEN 'captured' THEN 3 WHEN 'refunded' THEN 4 ELSE 0 END";

/** Our copy of a payment; a stale event never moves it backwards (captured never becomes authorized). */
async function recordPayment(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment): Promise<void> {
  const at = deps.now();
  const written = await salesOfBooking(deps.env, booking.id).d1.prepare(
    `INSERT INTO payments (id, booking_id, order_id, amount, currency, status, method, error_reason, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, method = excluded.method, error_reason = excluded.error_reason, updated_at = excluded.updated_at
     WHERE ${PAYMENT_RANK.replace("%s", "excluded.status")} > ${PAYMENT_RANK.replace("%s", "payments.status")}`,
  )
    .bind(payment.id, booking.id, payment.order_id ?? "", payment.amount, payment.currency, payment.status, payment.method ?? null, payment.error_description ?? null, at)
    .run();
  if (written.meta.changes > 0) notePaymentEvent(deps, booking, payment, at);
}

/** Once per payment and status: a repeat (webhook after callback, cron) changes no row, so records nothing. */
function notePaymentEvent(deps: PaymentDeps, booking: Booking, payment: RazorpayPayment, at: number): void {
  const kind = PAYMENT_EVENT[payment.status];
  if (kind) recordEvent(deps, { kind, showtimeId: booking.showtimeId, detail: payment.method ?? "unknown", reason: payment.error_reason ?? null, ref: booking.id }, at);
}

const PAYMENT_EVENT: Partial<Record<RazorpayPayment["status"], EventKind>> = {
  authorized: "payment.authorised",
  captured: "payment.captured",
  failed: "payment.failed",
};

/** Our refund id for a payment: also the X-Refund-Idempotency key, so a retry cannot pay out twice. */
export function refundIdFor(paymentId: string): string {
  return `rfd_${paymentId}`;
}

/**
 * Refunds a payment once. The refunds row is written first (one per payment, by a unique index);
 * a crash or a Razorpay outage leaves it PENDING for reconciliation to retry with the same key.
 */
export async function issueRefund(
  deps: PaymentDeps,
  args: { bookingId: string; paymentId: string; amount: number; reason: string },
): Promise<Refund | undefined> {
  const at = deps.now();
  const { db } = salesOfBooking(deps.env, args.bookingId);
  await db
    .insert(refunds)
    .values({ id: refundIdFor(args.paymentId), bookingId: args.bookingId, paymentId: args.paymentId, amount: args.amount, reason: args.reason, status: "PENDING", createdAt: at, updatedAt: at })
    .onConflictDoNothing();
  const row = await db.query.refunds.findFirst({ where: eq(refunds.paymentId, args.paymentId) });
  if (!row || row.status !== "PENDING") return row;
  if (row.razorpayRefundId) return syncRefund(deps, row);
  if (!(await capturedForRefund(deps, row))) return row;
  const result = await deps.razorpay.refundPayment(row.paymentId, {
    amount: row.amount,
    idempotencyKey: row.id,
    notes: { booking_id: row.bookingId, reason: row.reason },
  });
  if (!result.ok) {
    if (!isTransient(result.error)) log.error("refund.refused", { refundId: row.id, bookingId: row.bookingId, code: result.error.code, outcome: "refused" });
    return row;
  }
  return applyRefund(deps, result.value, row);
}

/**
 * Only captured money can go back. A confirmed booking cancelled before its capture went through
 * (Razorpay was down at that moment; reconciliation would have captured it later) is captured now,
 * as it was owed, so the refund policy holds (the fee is kept) and the refund can be made. Without
 * this, the refund stayed PENDING forever and the cron retried it every run (found by the chaos
 * run, ADR 028). A payment whose booking never had its seats is never captured here.
 */
async function capturedForRefund(deps: PaymentDeps, row: Refund): Promise<boolean> {
  const fetched = await deps.razorpay.fetchPayment(row.paymentId);
  if (!fetched.ok) return false;
  const payment = fetched.value;
  if (payment.status === "captured" || payment.status === "refunded") return true;
  const booking = await getBooking(deps.env, row.bookingId);
  if (payment.status !== "authorized" || !booking?.confirmedAt || booking.razorpayPaymentId !== payment.id) return false;
  await capture(deps, booking, payment);
  const after = await deps.razorpay.fetchPayment(row.paymentId);
  return after.ok && after.value.status === "captured";
}

/** Asks Razorpay where a refund we already created stands. */
async function syncRefund(deps: PaymentDeps, row: Refund): Promise<Refund> {
  if (!row.razorpayRefundId) return row;
  const result = await deps.razorpay.fetchRefund(row.paymentId, row.razorpayRefundId);
  return result.ok ? applyRefund(deps, result.value, row) : row;
}

/** Records what Razorpay says about a refund (from an API answer or a refund.* webhook). */
export async function applyRefund(deps: PaymentDeps, entity: RazorpayRefund, known?: Refund): Promise<Refund> {
  const row = known ?? (await findRefund(deps, entity));
  if (!row) return Promise.reject(new Error(`no refund of ours for Razorpay refund ${entity.id}`));
  const { db } = salesOfBooking(deps.env, row.bookingId);
  const status = entity.status === "processed" ? "PROCESSED" : entity.status === "failed" ? "FAILED" : "PENDING";
  // PROCESSED is final: a late "pending" or "failed" never undoes it.
  await db
    .update(refunds)
    .set({ razorpayRefundId: entity.id, status, updatedAt: deps.now() })
    .where(and(eq(refunds.id, row.id), sql`${refunds.status} <> 'PROCESSED'`));
  if (status === "PROCESSED" && row.status !== "PROCESSED") recordEvent(deps, { kind: "payment.refunded", reason: row.reason, ref: row.bookingId, value: row.amount });
  if (status === "PROCESSED") await transition(deps, row.bookingId, "refund_processed");
  if (status === "FAILED") log.error("refund.failed_at_provider", { refundId: row.id, providerRefundId: entity.id, bookingId: row.bookingId, outcome: "operator_must_refund" });
  return (await db.query.refunds.findFirst({ where: eq(refunds.id, row.id) })) ?? row;
}

/** Our row for a Razorpay refund: its notes name the booking (so the shard); else each shard is asked. */
async function findRefund(deps: PaymentDeps, entity: RazorpayRefund): Promise<Refund | undefined> {
  const named = bookingIdInNotes(entity.notes);
  for (const { db } of named ? [salesOfBooking(deps.env, named)] : allSales(deps.env)) {
    const row =
      (await db.query.refunds.findFirst({ where: eq(refunds.razorpayRefundId, entity.id) })) ??
      (await db.query.refunds.findFirst({ where: eq(refunds.paymentId, entity.payment_id) }));
    if (row) return row;
  }
  return undefined;
}

/**
 * Cancels a confirmed booking and refunds `refundPaise` of its payment: the seats go back on sale
 * at once. The customer's cancel button and the operator console both come through here. A ticket
 * the door has admitted (any seat) is used: only an operator (`by: "operator"`, audited by the
 * caller with a reason) may still cancel it; a customer is refused with `checked_in`.
 */
export async function cancelAndRefundBooking(
  deps: PaymentDeps,
  bookingId: string,
  args: { refundPaise: number; reason: string; by: "customer" | "operator" },
): Promise<{ ok: true; booking: Booking } | { ok: false; reason: "not_found" | "not_confirmed" | "checked_in" }> {
  const booking = await getBooking(deps.env, bookingId);
  if (!booking) return { ok: false, reason: "not_found" };
  // The refund is owed from the moment the booking is cancelled: its PENDING row is written in the
  // same batch, so a request that dies right after (D1, Razorpay, the Worker) leaves it for the
  // cron to pay out instead of a cancelled booking whose money nobody ever returns (chaos run, ADR 028).
  const paymentId = booking.razorpayPaymentId;
  const refundRow =
    paymentId && args.refundPaise > 0
      ? salesOfBooking(deps.env, booking.id).d1.prepare(
          `INSERT INTO refunds (id, booking_id, payment_id, amount, reason, status, created_at, updated_at)
           SELECT ?1, ?2, ?3, ?4, ?5, 'PENDING', ?6, ?6 WHERE EXISTS (SELECT 1 FROM bookings WHERE id = ?2 AND status = 'CANCELLED')
           ON CONFLICT DO NOTHING`,
        ).bind(refundIdFor(paymentId), booking.id, paymentId, args.refundPaise, args.reason, deps.now())
      : null;
  const cancelled = await moveWithSeats(deps, booking.id, "cancelled", { from: "CONFIRMED", to: "RELEASED" }, null, {
    notCheckedIn: args.by === "customer",
    also: refundRow ? [refundRow] : [],
  });
  if (!cancelled) {
    const current = await getBooking(deps.env, bookingId);
    if (current?.status === "CONFIRMED" && current.checkedInAt !== null && args.by === "customer") return { ok: false, reason: "checked_in" };
    // A repeated cancel finishes what the first one started (refund, seats, email) and succeeds.
    if (current?.status !== "CANCELLED") return { ok: false, reason: "not_confirmed" };
  }
  await seatsOf(deps.env, booking.showtimeId).releaseBooking(booking.id);
  if (booking.razorpayPaymentId && args.refundPaise > 0) {
    await issueRefund(deps, { bookingId: booking.id, paymentId: booking.razorpayPaymentId, amount: args.refundPaise, reason: args.reason });
  }
  if (cancelled) await enqueueEmail(deps.env, "booking_cancelled", booking.id);
  const after = await getBooking(deps.env, bookingId);
  return { ok: true, booking: after ?? booking };
}
