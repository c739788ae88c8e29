import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import type { Booking } from "#app/db/schema.server";
import { paymentDeps, type FetchMiddleware, type PaymentDeps } from "#app/payments/context.server";
import { handleRazorpayWebhook } from "#app/payments/webhook.server";
import { webhookSignature } from "#app/payments/signatures.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { csrfTokenFrom, TestBrowser } from "./browser";
import { signUpVerified } from "./accounts";
import { seatObject } from "#tests/helpers/objects";
import { allSales, salesOfBooking } from "#app/db/shards.server";

let n = 0;

/** A fresh customer with a session, on an IP of their own (login throttling is per IP). */
export async function customer(): Promise<TestBrowser> {
  const i = ++n;
  const browser = new TestBrowser(`10.9.${Math.floor(i / 250)}.${i % 250}`);
  const res = await signUpVerified(browser, { name: `Payer ${i}`, email: `payer-${i}-${Date.now()}@example.com` });
  expect(res.status).toBe(302);
  return browser;
}

export async function holdSeats(browser: TestBrowser, showtimeId: string, seatIds: string[]): Promise<string> {
  const res = await browser.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body: JSON.stringify({ seatIds }),
    headers: { "Content-Type": "application/json" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { holdId: string }).holdId;
}

export async function csrfOf(browser: TestBrowser): Promise<string> {
  return csrfTokenFrom(await (await browser.get("/account")).text());
}

/** "Proceed to pay" on the summary page; returns the booking it made. */
export async function proceedToPay(browser: TestBrowser, showtimeId: string, holdId: string): Promise<Booking> {
  const res = await browser.submit(`/showtimes/${showtimeId}/pay`, { holdId }, { csrf: await csrfOf(browser) });
  expect(res.status).toBe(302);
  const match = /^\/bookings\/([^/]+)\/pay$/.exec(res.headers.get("Location") ?? "");
  expect(match, `redirected to ${res.headers.get("Location")}`).not.toBeNull();
  return bookingRow(match![1]!);
}

/** The booking database a booking id names (ADR 031). */
export const shardDb = (bookingId: string) => salesOfBooking(env, bookingId).d1;

export async function bookingRow(id: string): Promise<Booking> {
  const row = await shardDb(id).prepare("SELECT * FROM bookings WHERE id = ?").bind(id).first<Record<string, unknown>>();
  expect(row).not.toBeNull();
  return {
    id: row!.id,
    userId: row!.user_id,
    showtimeId: row!.showtime_id,
    holdId: row!.hold_id,
    code: row!.code,
    status: row!.status,
    seatsAmount: row!.seats_amount,
    feeAmount: row!.fee_amount,
    feeTaxAmount: row!.fee_tax_amount,
    totalAmount: row!.total_amount,
    currency: row!.currency,
    razorpayOrderId: row!.razorpay_order_id,
    razorpayPaymentId: row!.razorpay_payment_id,
    failureReason: row!.failure_reason,
    createdAt: row!.created_at,
    confirmedAt: row!.confirmed_at,
    cancelledAt: row!.cancelled_at,
    checkedInAt: row!.checked_in_at,
    updatedAt: row!.updated_at,
  } as Booking;
}

/** Payment services as the Worker builds them, with background work the test can wait for. */
export async function testPayments(options: { fetch?: FetchMiddleware; now?: () => number } = {}) {
  const pending: Promise<unknown>[] = [];
  const deps = await paymentDeps(env, { waitUntil: (p) => pending.push(p), ...options });
  const drain = async () => {
    while (pending.length) await Promise.all(pending.splice(0));
  };
  return { deps, drain };
}

/** The buyer clicks "Pay" (or "Fail") in the sandbox checkout for this order. */
export async function sandboxCheckout(deps: PaymentDeps, orderId: string, outcome: "success" | "failure" = "success") {
  return deps.sandbox!.checkout({ keyId: deps.config.keyId, orderId, outcome });
}

export async function paySandbox(deps: PaymentDeps, orderId: string) {
  const result = await sandboxCheckout(deps, orderId);
  if (!result.ok) throw new Error(`sandbox refused: ${result.error.description}`);
  return result.response;
}

/** What checkout's handler posts back, through the real route. */
export async function postCallback(browser: TestBrowser, bookingId: string, fields: Record<string, string>) {
  return browser.submit(`/bookings/${bookingId}/pay`, { intent: "paid", ...fields }, { csrf: await csrfOf(browser) });
}

/** Webhooks the sandbox has queued for an order, oldest first. */
export async function sandboxWebhooks(orderId: string) {
  const { results } = await env.DB.prepare("SELECT id, body FROM razorpay_sandbox_webhooks WHERE body LIKE ? ORDER BY created_at, rowid")
    .bind(`%${orderId}%`)
    .all<{ id: string; body: string }>();
  return results.map((r) => ({ ...r, event: (JSON.parse(r.body) as { event: string }).event }));
}

/** Delivers one webhook to the app's handler, signed as the sandbox signs it, and waits for its work. */
export async function deliverWebhook(deps: PaymentDeps, drain: () => Promise<void>, hook: { id: string; body: string }, signature?: string) {
  const res = await handleRazorpayWebhook(
    new Request("http://localhost/api/razorpay/webhook", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Razorpay-Event-Id": hook.id,
        "X-Razorpay-Signature": signature ?? (await webhookSignature(deps.config.webhookSecret, hook.body)),
      },
      body: hook.body,
    }),
    deps,
  );
  await drain();
  return res;
}

/** A showtime's confirmed seats, from every booking database (a show's are all in one). */
export async function confirmedSeatRows(showtimeId: string) {
  const rows = [];
  for (const { d1 } of allSales(env)) {
    const { results } = await d1.prepare("SELECT booking_id, seat_id FROM booking_seats WHERE showtime_id = ? AND status = 'CONFIRMED' ORDER BY seat_id")
      .bind(showtimeId)
      .all<{ booking_id: string; seat_id: string }>();
    rows.push(...results);
  }
  return rows;
}

export async function refundRows(bookingId: string) {
  const { results } = await shardDb(bookingId).prepare("SELECT * FROM refunds WHERE booking_id = ?").bind(bookingId).all<{ id: string; amount: number; status: string; razorpay_refund_id: string | null }>();
  return results;
}

/** Refunds the sandbox actually paid out for a payment. */
export async function sandboxRefunds(paymentId: string) {
  const { results } = await env.DB.prepare("SELECT body FROM razorpay_sandbox_entities WHERE kind = 'refund' AND parent_id = ?").bind(paymentId).all<{ body: string }>();
  return results.map((r) => JSON.parse(r.body) as { id: string; amount: number });
}

export async function sandboxPaymentStatus(deps: PaymentDeps, paymentId: string) {
  const fetched = await deps.razorpay.fetchPayment(paymentId);
  if (!fetched.ok) throw new Error(fetched.error.description);
  return fetched.value.status;
}

/** Moves a showtime's seat object past every hold's expiry and runs its alarm. */
export async function expireHolds(showtimeId: string, byMs = 3600_000) {
  await runInDurableObject(seatObject(showtimeId), (instance: ShowtimeSeats) => {
    instance.clockSkewMs += byMs;
  });
  await runDurableObjectAlarm(seatObject(showtimeId));
}

/** Leaves no alarm behind (claims and holds) when a test ends. */
export async function settleAlarms(showtimeId: string) {
  await expireHolds(showtimeId, 86_400_000);
}
