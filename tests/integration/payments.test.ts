import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmCheckout } from "#app/payments/checkout.server";
import { reconcilePayments, RECONCILE_GRACE_MS } from "#app/payments/reconcile.server";
import { seatsOf } from "#app/utils/seats.server";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import {
  bookingRow,
  confirmedSeatRows,
  customer,
  deliverWebhook,
  expireHolds,
  holdSeats,
  paySandbox,
  postCallback,
  proceedToPay,
  refundRows,
  sandboxPaymentStatus,
  sandboxRefunds,
  sandboxWebhooks,
  settleAlarms,
  testPayments,
} from "#tests/helpers/payments";

beforeAll(async () => {
  await seedDemoData();
});

describe("paying for a hold", () => {
  it("confirms the booking, captures the payment only after the seats are secured, and shows the ticket", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["C7", "C8"]);
    const booking = await proceedToPay(fan, st, holdId);
    expect(booking).toMatchObject({ status: "PENDING_PAYMENT", seatsAmount: 36_000, feeAmount: 6_000, feeTaxAmount: 1_080, totalAmount: 43_080 });
    expect(booking.razorpayOrderId).toMatch(/^order_/);

    // A second click on "Proceed to pay" finds the same booking and the same order.
    const again = await proceedToPay(fan, st, holdId);
    expect(again.id).toBe(booking.id);
    expect(again.razorpayOrderId).toBe(booking.razorpayOrderId);

    const { deps } = await testPayments();
    const order = await deps.razorpay.fetchOrder(booking.razorpayOrderId!);
    expect(order.ok && order.value).toMatchObject({ amount: 43_080, currency: "INR", receipt: booking.id, notes: { booking_id: booking.id, showtime_id: st } });

    const page = await fan.get(`/bookings/${booking.id}/pay`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("hold-countdown");
    expect(html).toContain(booking.razorpayOrderId);

    const response = await paySandbox(deps, booking.razorpayOrderId!);
    expect(await sandboxPaymentStatus(deps, response.razorpay_payment_id)).toBe("authorized");
    const res = await postCallback(fan, booking.id, response);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/bookings/${booking.id}`);

    expect(await bookingRow(booking.id)).toMatchObject({ status: "CONFIRMED", razorpayPaymentId: response.razorpay_payment_id });
    expect(await confirmedSeatRows(st)).toEqual([
      { booking_id: booking.id, seat_id: "C7" },
      { booking_id: booking.id, seat_id: "C8" },
    ]);
    expect(await sandboxPaymentStatus(deps, response.razorpay_payment_id)).toBe("captured");
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({ C7: "sold", C8: "sold" });

    const ticket = await (await fan.get(`/bookings/${booking.id}`)).text();
    expect(ticket).toContain("Booking confirmed");
    expect(ticket).toContain("C7, C8");
    expect(ticket).toContain("430.80");
    const account = await (await fan.get("/account")).text();
    expect(account).toContain(`/bookings/${booking.id}`);

    // The pay page of a confirmed booking leads to the ticket.
    expect((await fan.get(`/bookings/${booking.id}/pay`)).headers.get("Location")).toBe(`/bookings/${booking.id}`);
    await settleAlarms(st);
  });
});
