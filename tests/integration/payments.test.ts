import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { confirmCheckout } from "#app/payments/checkout.server";
import { reconcilePayments, RECONCILE_GRACE_MS } from "#app/payments/reconcile.server";
import { webhookSignature } from "#app/payments/signatures.server";
import { seatsOf } from "#app/seats/gateway.server";
import { seedDemoData } from "#tests/helpers/seed";
import { loggedIn, post } from "#tests/helpers/admin";
import { createShowtime } from "#tests/helpers/showtimes";
import {
  bookingRow,
  confirmedSeatRows,
  csrfOf,
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
  sandboxCheckout,
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
    expect(html).toContain(`data-testid="hold-countdown"`);
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
    // So does the summary the back button returns to: the hold became this booking, it did not expire.
    expect((await fan.get(`/showtimes/${st}/summary`)).headers.get("Location")).toBe(`/bookings/${booking.id}`);
    await settleAlarms(st);
  });
});

describe("a checkout open when the show is cancelled", () => {
  it("a hold that outlives the cancellation opens no checkout: the summary and 'Proceed to pay' send the fan to the seat map", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["D6"]);
    const admin = await loggedIn("admin");
    expect((await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "cancel", confirm: "yes" })).status).toBe(302);
    expect((await fan.get(`/showtimes/${st}/summary`)).headers.get("Location")).toBe(`/showtimes/${st}?notice=showtime_unavailable`);
    const pay = await fan.submit(`/showtimes/${st}/pay`, { holdId }, { csrf: await csrfOf(fan) });
    expect(pay.headers.get("Location")).toBe(`/showtimes/${st}?notice=showtime_unavailable`);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE hold_id = ?").bind(holdId).first("n")).toBe(0);
    expect(await (await fan.get(`/showtimes/${st}?notice=showtime_unavailable`)).text()).toContain("not open for booking any more");
  });

  it("ends with the reason, and a payment that arrives anyway is never captured", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["D4"]);
    const { deps } = await testPayments();
    const admin = await loggedIn("admin");
    expect((await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "cancel", confirm: "yes" })).status).toBe(302);
    expect(await bookingRow(booking.id)).toMatchObject({ status: "FAILED", failureReason: "This show was cancelled before the payment arrived, so no seats could be booked." });
    // The pay page no longer offers to pay: it leads to the booking, which says why.
    expect((await fan.get(`/bookings/${booking.id}/pay`)).headers.get("Location")).toBe(`/bookings/${booking.id}`);
    expect(await (await fan.get(`/bookings/${booking.id}`)).text()).toContain("This show was cancelled before the payment arrived");
    const late = await paySandbox(deps, orderId);
    await postCallback(fan, booking.id, late);
    expect(await sandboxPaymentStatus(deps, late.razorpay_payment_id)).toBe("authorized");
    expect(await bookingRow(booking.id)).toMatchObject({ status: "FAILED" });
    await settleAlarms(st);
  });
});

/** A customer with a PENDING_PAYMENT booking (and its order) for these seats. */
async function pendingBooking(st: string, seats: string[]) {
  const fan = await customer();
  const holdId = await holdSeats(fan, st, seats);
  const booking = await proceedToPay(fan, st, holdId);
  return { fan, booking, orderId: booking.razorpayOrderId! };
}

/** Two customers after the same seat: the slow one's hold expired before the quick one took the seat. */
async function raceForSeat(st: string, slowSeats: string[], quickSeats = slowSeats) {
  const slow = await pendingBooking(st, slowSeats);
  await expireHolds(st);
  const quick = await pendingBooking(st, quickSeats);
  return { slow, quick, ...(await testPayments()) };
}

describe("the checkout callback trusts nothing it is sent", () => {
  it("refuses a forged signature with 400 and changes nothing", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["D1"]);
    const { deps } = await testPayments();
    const real = await paySandbox(deps, orderId);
    const res = await postCallback(fan, booking.id, { ...real, razorpay_signature: "0".repeat(64) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("couldn't verify this payment");
    expect((await bookingRow(booking.id)).status).toBe("PENDING_PAYMENT");
    expect(await confirmedSeatRows(st)).toEqual([]);
    expect(await sandboxPaymentStatus(deps, real.razorpay_payment_id)).toBe("authorized");

    const garbage = await postCallback(fan, booking.id, { razorpay_payment_id: "x", razorpay_order_id: orderId, razorpay_signature: "nope" });
    expect(garbage.status).toBe(400);
    await settleAlarms(st);
  });

  it("refuses a genuine response from another order applied to this booking", async () => {
    const st = await createShowtime();
    const victim = await pendingBooking(st, ["D2"]);
    const other = await pendingBooking(st, ["D3"]);
    const { deps } = await testPayments();
    const paidElsewhere = await paySandbox(deps, other.orderId);

    // As is: the order id is not this booking's.
    expect((await postCallback(victim.fan, victim.booking.id, paidElsewhere)).status).toBe(400);
    // With this booking's order id swapped in: the signature no longer matches.
    expect((await postCallback(victim.fan, victim.booking.id, { ...paidElsewhere, razorpay_order_id: victim.orderId })).status).toBe(400);
    // The other customer posting their own response to the victim's booking: not theirs, 404.
    expect((await postCallback(other.fan, victim.booking.id, paidElsewhere)).status).toBe(404);

    expect((await bookingRow(victim.booking.id)).status).toBe("PENDING_PAYMENT");
    expect((await bookingRow(other.booking.id)).status).toBe("PENDING_PAYMENT");
    expect(await confirmedSeatRows(st)).toEqual([]);
    await settleAlarms(st);
  });

  it.each([
    ["amount", { amount: 100 }],
    ["currency", { currency: "USD" }],
  ])("issues no ticket when the payment's %s does not match the booking", async (what, change) => {
    const st = await createShowtime();
    const { booking, orderId } = await pendingBooking(st, ["D4"]);
    const real = await paySandbox((await testPayments()).deps, orderId);
    // Razorpay (here, a spy in front of the sandbox) reports a payment that differs from the booking.
    const { deps } = await testPayments({
      fetch: async (request, next) => {
        const response = await next(request);
        if (request.method !== "GET" || !new URL(request.url).pathname.endsWith(real.razorpay_payment_id)) return response;
        return Response.json({ ...((await response.json()) as object), ...change });
      },
    });
    const outcome = await confirmCheckout(deps, await bookingRow(booking.id), real);
    expect(outcome).toEqual({ kind: "settled", outcome: { kind: "mismatch", reason: what } });
    expect(await bookingRow(booking.id)).toMatchObject({ status: "PENDING_PAYMENT", failureReason: expect.stringContaining(what) });
    expect(await confirmedSeatRows(st)).toEqual([]);
    expect(await sandboxPaymentStatus(deps, real.razorpay_payment_id)).toBe("authorized");
    await settleAlarms(st);
  });
});

describe("webhooks", () => {
  it("rejects a bad signature with 400 and records nothing", async () => {
    const st = await createShowtime();
    const { booking, orderId } = await pendingBooking(st, ["E1"]);
    const { deps, drain } = await testPayments();
    await paySandbox(deps, orderId);
    const [hook] = await sandboxWebhooks(orderId);
    const genuine = await webhookSignature(deps.config.webhookSecret, hook!.body);

    expect((await deliverWebhook(deps, drain, hook!, "f".repeat(64))).status).toBe(400);
    // A tampered body under the genuine signature of the original body.
    const tampered = { ...hook!, body: hook!.body.replace('"amount":', '"amount":1,"x":') };
    expect((await deliverWebhook(deps, drain, tampered, genuine)).status).toBe(400);
    // And through the Worker's real route, with no signature at all.
    const viaRoute = await exports.default.fetch(
      new Request("http://localhost/api/razorpay/webhook", { method: "POST", body: hook!.body, headers: { "Content-Type": "application/json", "X-Razorpay-Event-Id": hook!.id } }),
    );
    expect(viaRoute.status).toBe(400);

    const seen = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE id = ?").bind(hook!.id).first<{ n: number }>();
    expect(seen?.n).toBe(0);
    expect((await bookingRow(booking.id)).status).toBe("PENDING_PAYMENT");
    await settleAlarms(st);
  });

  it("gives exactly one ticket whatever order and how often webhooks and the callback arrive", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["E2", "E3"]);
    const { deps, drain } = await testPayments();
    const response = await paySandbox(deps, orderId);
    const [authorized] = await sandboxWebhooks(orderId);
    expect(authorized?.event).toBe("payment.authorized");

    // The webhook first, twice at once, then again.
    await Promise.all([deliverWebhook(deps, drain, authorized!), deliverWebhook(deps, drain, authorized!)]);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    const dup = await deliverWebhook(deps, drain, authorized!);
    expect(await dup.json()).toEqual({ status: "duplicate" });

    // Then the browser's callback, twice.
    expect((await postCallback(fan, booking.id, response)).status).toBe(302);
    expect((await postCallback(fan, booking.id, response)).status).toBe(302);

    // Then the capture's own webhooks, out of order.
    const later = (await sandboxWebhooks(orderId)).filter((h) => h.id !== authorized!.id);
    expect(later.map((h) => h.event).sort()).toEqual(["order.paid", "payment.captured"]);
    for (const hook of later.reverse()) await deliverWebhook(deps, drain, hook);
    await deliverWebhook(deps, drain, authorized!);

    expect(await confirmedSeatRows(st)).toEqual([
      { booking_id: booking.id, seat_id: "E2" },
      { booking_id: booking.id, seat_id: "E3" },
    ]);
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CONFIRMED", razorpayPaymentId: response.razorpay_payment_id });
    expect(await sandboxPaymentStatus(deps, response.razorpay_payment_id)).toBe("captured");
    expect(await refundRows(booking.id)).toEqual([]);
    await settleAlarms(st);
  });

  it("records a failed payment and keeps the hold so the buyer can retry", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["E4"]);
    const { deps, drain } = await testPayments();
    const failed = await sandboxCheckout(deps, orderId, "failure");
    expect(failed.ok).toBe(false);
    for (const hook of await sandboxWebhooks(orderId)) await deliverWebhook(deps, drain, hook);
    expect(await bookingRow(booking.id)).toMatchObject({ status: "PENDING_PAYMENT", failureReason: expect.stringContaining("declined") });
    // Closing the checkout afterwards keeps the more useful reason.
    expect((await fan.submit(`/bookings/${booking.id}/pay`, { intent: "dismissed" }, { csrf: await csrfOf(fan) })).status).toBe(200);
    expect((await bookingRow(booking.id)).failureReason).toContain("declined");
    const page = await (await fan.get(`/bookings/${booking.id}/pay`)).text();
    expect(page).toContain("declined");
    expect(page).toContain("you can try again");
    expect((await seatsOf(env, st).snapshot(booking.userId)).seats).toEqual({ E4: "yours" });

    const retry = await paySandbox(deps, orderId);
    expect((await postCallback(fan, booking.id, retry)).headers.get("Location")).toBe(`/bookings/${booking.id}`);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    await settleAlarms(st);
  });

  it("finishes a refund when refund.processed arrives", async () => {
    const st = await createShowtime();
    const { slow: first, quick: second, deps, drain } = await raceForSeat(st, ["E5"]);
    await postCallback(second.fan, second.booking.id, await paySandbox(deps, second.orderId));
    const late = await paySandbox(deps, first.orderId);
    // An account with auto-capture: the money is taken before we hear of it.
    await deps.razorpay.capturePayment(late.razorpay_payment_id, first.booking.totalAmount, "INR");
    await postCallback(first.fan, first.booking.id, late);
    expect((await bookingRow(first.booking.id)).status).toBe("REFUND_PENDING");
    const processed = (await sandboxWebhooks(first.orderId)).find((h) => h.event === "refund.processed");
    expect(processed).toBeDefined();
    await deliverWebhook(deps, drain, processed!);
    expect((await bookingRow(first.booking.id)).status).toBe("REFUNDED");
    expect(await refundRows(first.booking.id)).toMatchObject([{ amount: first.booking.totalAmount, status: "PROCESSED" }]);
    await settleAlarms(st);
  });
});

describe("late payments and races", () => {
  it("shows a clear way back on the payment page once the hold has expired", async () => {
    const st = await createShowtime();
    const { fan, booking } = await pendingBooking(st, ["F9"]);
    await expireHolds(st);
    const page = await (await fan.get(`/bookings/${booking.id}/pay`)).text();
    expect(page).toContain("Your hold expired");
    expect(page).toContain(`href="/showtimes/${st}?notice=expired"`);
    expect(page).not.toContain(`data-testid="hold-countdown"`);
    await settleAlarms(st);
  });

  it("confirms a payment that arrives after the hold expired while the seats are still free", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["F1", "F2"]);
    await expireHolds(st);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
    const { deps } = await testPayments();
    await postCallback(fan, booking.id, await paySandbox(deps, orderId));
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    expect((await confirmedSeatRows(st)).map((r) => r.seat_id)).toEqual(["F1", "F2"]);
    await settleAlarms(st);
  });

  it("refunds, exactly once, a captured payment whose seats were sold to someone else meanwhile", async () => {
    const st = await createShowtime();
    const { slow, quick, deps, drain } = await raceForSeat(st, ["F3"]);
    await postCallback(quick.fan, quick.booking.id, await paySandbox(deps, quick.orderId));
    expect((await bookingRow(quick.booking.id)).status).toBe("CONFIRMED");

    const late = await paySandbox(deps, slow.orderId);
    await deps.razorpay.capturePayment(late.razorpay_payment_id, slow.booking.totalAmount, "INR");
    const res = await postCallback(slow.fan, slow.booking.id, late);
    expect(res.headers.get("Location")).toBe(`/bookings/${slow.booking.id}`);
    const page = await (await slow.fan.get(`/bookings/${slow.booking.id}`)).text();
    expect(page).toContain("We could not get these seats");
    expect(page).toContain("Your money is on its way back");

    // The callback again, every webhook, and reconciliation: still one refund.
    await postCallback(slow.fan, slow.booking.id, late);
    for (const hook of await sandboxWebhooks(slow.orderId)) await deliverWebhook(deps, drain, hook);
    const { deps: later } = await testPayments({ now: () => Date.now() + 3600_000 });
    await reconcilePayments(later);

    expect(await sandboxRefunds(late.razorpay_payment_id)).toMatchObject([{ amount: slow.booking.totalAmount }]);
    expect(await refundRows(slow.booking.id)).toHaveLength(1);
    expect((await bookingRow(slow.booking.id)).status).toBe("REFUNDED");
    expect(await confirmedSeatRows(st)).toEqual([{ booking_id: quick.booking.id, seat_id: "F3" }]);
    await settleAlarms(st);
  });

  it("never captures a payment for a show the cinema cancelled while the buyer was paying", async () => {
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["G5"]);
    await env.DB.prepare("UPDATE showtimes SET status = 'CANCELLED' WHERE id = ?").bind(st).run();
    await seatsOf(env, st).refresh();
    const { deps } = await testPayments();
    const paid = await paySandbox(deps, orderId);
    await postCallback(fan, booking.id, paid);
    expect((await bookingRow(booking.id)).status).toBe("FAILED");
    expect(await sandboxPaymentStatus(deps, paid.razorpay_payment_id)).toBe("authorized");
    expect(await confirmedSeatRows(st)).toEqual([]);
    await settleAlarms(st);
  });

  it("never charges the loser of an uncaptured race: the authorization is simply not captured", async () => {
    const st = await createShowtime();
    const { slow, quick, deps } = await raceForSeat(st, ["F4"]);
    await postCallback(quick.fan, quick.booking.id, await paySandbox(deps, quick.orderId));
    const late = await paySandbox(deps, slow.orderId);
    await postCallback(slow.fan, slow.booking.id, late);
    expect((await bookingRow(slow.booking.id)).status).toBe("FAILED");
    expect(await sandboxPaymentStatus(deps, late.razorpay_payment_id)).toBe("authorized");
    expect(await refundRows(slow.booking.id)).toEqual([]);
    expect(await (await slow.fan.get(`/bookings/${slow.booking.id}`)).text()).toContain("You have not been charged");
    await settleAlarms(st);
  });

  it("gives one ticket and one refund when two payments race for the same seat", async () => {
    const st = await createShowtime();
    const { slow: a, quick: b, deps } = await raceForSeat(st, ["G5", "G6"], ["G6"]);
    const payA = await paySandbox(deps, a.orderId);
    const payB = await paySandbox(deps, b.orderId);
    await deps.razorpay.capturePayment(payA.razorpay_payment_id, a.booking.totalAmount, "INR");
    await deps.razorpay.capturePayment(payB.razorpay_payment_id, b.booking.totalAmount, "INR");

    const outcomes = await Promise.all([
      confirmCheckout(deps, await bookingRow(a.booking.id), payA),
      confirmCheckout(deps, await bookingRow(b.booking.id), payB),
      confirmCheckout(deps, await bookingRow(a.booking.id), payA),
    ]);
    expect(outcomes.every((o) => o.kind === "settled")).toBe(true);
    const statuses = [(await bookingRow(a.booking.id)).status, (await bookingRow(b.booking.id)).status].sort();
    expect(statuses).toEqual(["CONFIRMED", "REFUNDED"]);
    const g6 = (await confirmedSeatRows(st)).filter((r) => r.seat_id === "G6");
    expect(g6).toHaveLength(1);
    const loserPayment = g6[0]!.booking_id === a.booking.id ? payB : payA;
    expect(await sandboxRefunds(loserPayment.razorpay_payment_id)).toHaveLength(1);
    expect(await sandboxRefunds(g6[0]!.booking_id === a.booking.id ? payA.razorpay_payment_id : payB.razorpay_payment_id)).toHaveLength(0);
    await settleAlarms(st);
  });
});

describe("Razorpay outages and reconciliation", () => {
  it("issues no ticket and loses no payment when Razorpay fails during verification; reconciliation settles it", async () => {
    const st = await createShowtime();
    const { booking, orderId } = await pendingBooking(st, ["H1"]);
    const { deps: healthy } = await testPayments();
    const response = await paySandbox(healthy, orderId);
    const { deps: down } = await testPayments({
      fetch: async (request, next) => (request.method === "GET" ? Response.json({ error: { code: "SERVER_ERROR", description: "We are facing some trouble" } }, { status: 503 }) : next(request)),
    });
    expect(await confirmCheckout(down, await bookingRow(booking.id), response)).toEqual({ kind: "razorpay_unavailable" });
    expect((await bookingRow(booking.id)).status).toBe("PENDING_PAYMENT");
    expect(await confirmedSeatRows(st)).toEqual([]);
    expect(await sandboxPaymentStatus(healthy, response.razorpay_payment_id)).toBe("authorized");

    // Too early for reconciliation: it leaves a booking alone while its callback may still come.
    const { deps: soon } = await testPayments();
    expect((await reconcilePayments(soon)).examined).toBe(0);

    // Later, twice at once: one ticket, captured once.
    const after = () => Date.now() + Number(env.HOLD_TTL_SECONDS) * 1000 + RECONCILE_GRACE_MS + 1000;
    const [r1, r2] = await Promise.all([(await testPayments({ now: after })).deps, (await testPayments({ now: after })).deps].map((d) => reconcilePayments(d)));
    expect(r1!.errors + r2!.errors).toBe(0);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    expect(await confirmedSeatRows(st)).toEqual([{ booking_id: booking.id, seat_id: "H1" }]);
    expect(await sandboxPaymentStatus(healthy, response.razorpay_payment_id)).toBe("captured");
    await settleAlarms(st);
  });

  it("expires an unpaid booking past its hold and puts nothing on sale twice", async () => {
    const st = await createShowtime();
    const { booking } = await pendingBooking(st, ["H2"]);
    await expireHolds(st);
    const { deps } = await testPayments({ now: () => Date.now() + 24 * 3600_000 });
    await Promise.all([reconcilePayments(deps), reconcilePayments(deps)]);
    expect(await bookingRow(booking.id)).toMatchObject({ status: "EXPIRED" });
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
    await settleAlarms(st);
  });
});

describe("emails", () => {
  it("queues one confirmation however many reports of the payment race, and one refund notice for a loser", async () => {
    const st = await createShowtime();
    const { slow, quick, deps } = await raceForSeat(st, ["H7"]);
    const send = vi.spyOn(env.EMAIL_QUEUE, "send");
    const won = await paySandbox(deps, quick.orderId);
    const lost = await paySandbox(deps, slow.orderId);
    await deps.razorpay.capturePayment(lost.razorpay_payment_id, slow.booking.totalAmount, "INR");
    const winner = await bookingRow(quick.booking.id);
    const loser = await bookingRow(slow.booking.id);
    await Promise.all([confirmCheckout(deps, winner, won), confirmCheckout(deps, winner, won), confirmCheckout(deps, winner, won)]);
    await Promise.all([confirmCheckout(deps, loser, lost), confirmCheckout(deps, loser, lost)]);
    const jobs = send.mock.calls.map(([job]) => job as { type: string; bookingId: string });
    send.mockRestore();
    expect(jobs.filter((j) => j.type === "booking_confirmed")).toEqual([expect.objectContaining({ bookingId: winner.id })]);
    expect(jobs.filter((j) => j.type === "refund_issued")).toEqual([expect.objectContaining({ bookingId: loser.id })]);
    expect(await sandboxRefunds(lost.razorpay_payment_id)).toHaveLength(1);
    await settleAlarms(st);
  });
});

describe("the Worker's cron", () => {
  it("reconciles through the scheduled handler", async () => {
    const { createExecutionContext, createScheduledController, waitOnExecutionContext } = await import("cloudflare:test");
    const { worker } = await import("#tests/helpers/worker");
    const st = await createShowtime();
    const { fan, booking, orderId } = await pendingBooking(st, ["H5"]);
    const { deps } = await testPayments();
    const paid = await paySandbox(deps, orderId);
    // The buyer's browser never came back and no webhook got through; an hour passes.
    await env.DB.prepare("UPDATE bookings SET created_at = created_at - 3600000 WHERE id = ?").bind(booking.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    expect(await sandboxPaymentStatus(deps, paid.razorpay_payment_id)).toBe("captured");
    expect(await (await fan.get(`/bookings/${booking.id}`)).text()).toContain("Booking confirmed");
    await settleAlarms(st);
  });
});
