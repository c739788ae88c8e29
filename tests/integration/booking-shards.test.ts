import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { enqueueShowReminders } from "#app/email/reminders.server";
import type { EmailJob } from "#app/email/job";
import { SEED_SCREENS } from "#app/db/seed-data.server";
import { formatBookingCode } from "#app/domain/booking-code";
import { cancelShowtime } from "#app/admin/actions.server";
import { CONSOLE_TIME_ZONE, loadDashboard } from "#app/admin/dashboard.server";
import { salesForDay } from "#app/admin/sales.server";
import { parseRange } from "#app/domain/dashboard";
import { localDateKey } from "#app/domain/time";
import { loggedIn, testServices } from "#tests/helpers/admin";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import type { TestBrowser } from "#tests/helpers/browser";
import {
  bookingRow,
  confirmedSeatRows,
  customer,
  deliverWebhook,
  holdSeats,
  paySandbox,
  postCallback,
  proceedToPay,
  sandboxRefunds,
  sandboxWebhooks,
  settleAlarms,
  testPayments,
} from "#tests/helpers/payments";

// Two booking databases (ADR 031): Mumbai's cinemas sell into shard 0 (the shared `DB`), Bengaluru's
// into shard 1 (`BOOKINGS_1`), as the seed assigns them by region.
const WEST = SEED_SCREENS.find((s) => s.cinemaId === "cin-mum-regal")!.id;
const SOUTH = SEED_SCREENS.find((s) => s.cinemaId === "cin-blr-lido")!.id;
const SHARDS = { 0: () => env.DB, 1: () => env.BOOKINGS_1 } as const;

beforeAll(async () => {
  await seedDemoData();
});

async function rowsIn(shard: 0 | 1, table: "bookings" | "booking_seats" | "payments" | "refunds" | "webhook_events", column: string, value: string) {
  const { results } = await SHARDS[shard]().prepare(`SELECT * FROM ${table} WHERE ${column} = ?`).bind(value).all();
  return results;
}

async function buy(fan: TestBrowser, showtimeId: string, seats: string[]) {
  const booking = await proceedToPay(fan, showtimeId, await holdSeats(fan, showtimeId, seats));
  const { deps } = await testPayments();
  const paid = await paySandbox(deps, booking.razorpayOrderId!);
  expect((await postCallback(fan, booking.id, paid)).status).toBe(302);
  return { booking: await bookingRow(booking.id), paymentId: paid.razorpay_payment_id };
}

describe("bookings over two D1 databases", () => {
  it("puts each show's purchase in its own shard, and nothing of it in the other", async () => {
    const west = await createShowtime({ screenId: WEST });
    const south = await createShowtime({ screenId: SOUTH });
    const fan = await customer();
    const a = await buy(fan, west, ["A1", "A2"]);
    const b = await buy(fan, south, ["A1", "A2"]);
    expect(a.booking).toMatchObject({ status: "CONFIRMED" });
    expect(b.booking).toMatchObject({ status: "CONFIRMED" });
    // The id names the shard, so a callback or a booking page finds it without asking the other.
    expect(a.booking.id).toMatch(/^bk0_/);
    expect(b.booking.id).toMatch(/^bk1_/);
    for (const [mine, other, booking] of [[0, 1, a.booking], [1, 0, b.booking]] as const) {
      expect(await rowsIn(mine, "bookings", "id", booking.id)).toHaveLength(1);
      expect(await rowsIn(mine, "booking_seats", "booking_id", booking.id)).toHaveLength(2);
      expect(await rowsIn(mine, "payments", "booking_id", booking.id)).toMatchObject([{ status: "captured" }]);
      expect(await rowsIn(other, "bookings", "id", booking.id)).toEqual([]);
      expect(await rowsIn(other, "booking_seats", "booking_id", booking.id)).toEqual([]);
      expect(await rowsIn(other, "payments", "booking_id", booking.id)).toEqual([]);
    }
    // Same seat numbers on both shows: each show's judge (the partial unique index) is in its own database.
    expect((await confirmedSeatRows(south)).map((r) => r.seat_id)).toEqual(["A1", "A2"]);
    await settleAlarms(west);
    await settleAlarms(south);
  });

  it("meets a payment's webhooks and its callback in the payment's shard, for one ticket", async () => {
    const south = await createShowtime({ screenId: SOUTH });
    const fan = await customer();
    const booking = await proceedToPay(fan, south, await holdSeats(fan, south, ["B1"]));
    const { deps, drain } = await testPayments();
    const paid = await paySandbox(deps, booking.razorpayOrderId!);
    // The webhook first (it names only the order; its notes name the booking), then the callback, then the webhook again.
    const [authorized] = await sandboxWebhooks(booking.razorpayOrderId!);
    expect((await deliverWebhook(deps, drain, authorized!)).status).toBe(200);
    expect((await postCallback(fan, booking.id, paid)).status).toBe(302);
    for (const hook of await sandboxWebhooks(booking.razorpayOrderId!)) expect((await deliverWebhook(deps, drain, hook)).status).toBe(200);
    expect(await bookingRow(booking.id)).toMatchObject({ status: "CONFIRMED", razorpayPaymentId: paid.razorpay_payment_id });
    expect(await rowsIn(1, "payments", "id", paid.razorpay_payment_id)).toMatchObject([{ status: "captured" }]);
    expect(await rowsIn(1, "webhook_events", "id", authorized!.id)).toMatchObject([{ processed_at: expect.any(Number) }]);
    expect(await rowsIn(0, "webhook_events", "id", authorized!.id)).toEqual([]);
    expect(await confirmedSeatRows(south)).toEqual([{ booking_id: booking.id, seat_id: "B1" }]);
    await settleAlarms(south);
  });

  it("lists a fan's bookings from both shards on My bookings, in time order", async () => {
    // Shows interleaved across the two databases: 3 h (shard 0), 4 h (shard 1), 5 h (shard 0).
    const soon = await createShowtime({ screenId: WEST, startsInMs: 3 * 3600_000 });
    const middle = await createShowtime({ screenId: SOUTH, startsInMs: 4 * 3600_000 });
    const late = await createShowtime({ screenId: WEST, startsInMs: 5 * 3600_000 });
    const fan = await customer();
    // Bought in another order than the shows run.
    const c = await buy(fan, late, ["C1"]);
    const a = await buy(fan, soon, ["C1"]);
    const b = await buy(fan, middle, ["C1"]);
    const page = await (await fan.get("/account")).text();
    // Each booking's box-office code is on its card; upcoming shows are listed soonest first.
    const at = (x: { booking: { code: string | null } }) => page.indexOf(formatBookingCode(x.booking.code!));
    expect([at(a), at(b), at(c)].every((i) => i >= 0)).toBe(true);
    expect(at(a)).toBeLessThan(at(b));
    expect(at(b)).toBeLessThan(at(c));
    for (const st of [soon, middle, late]) await settleAlarms(st);
  });

  it("cancelling a show refunds its bookings, in its shard, and no other show's", async () => {
    const west = await createShowtime({ screenId: WEST });
    const south = await createShowtime({ screenId: SOUTH });
    const fan = await customer();
    const a = await buy(fan, west, ["D1"]);
    const b = await buy(fan, south, ["D1"]);
    expect(await cancelShowtime(testServices(), { id: "usr-demo-admin" }, south)).toEqual({ refunded: 1, failed: [] });
    expect(await bookingRow(b.booking.id)).toMatchObject({ status: "CANCELLED" });
    expect(await sandboxRefunds(b.paymentId)).toMatchObject([{ amount: b.booking.totalAmount }]);
    expect(await rowsIn(1, "refunds", "booking_id", b.booking.id)).toHaveLength(1);
    expect(await bookingRow(a.booking.id)).toMatchObject({ status: "CONFIRMED" });
    expect(await sandboxRefunds(a.paymentId)).toEqual([]);
    expect(await rowsIn(0, "refunds", "booking_id", a.booking.id)).toEqual([]);
    expect(await rowsIn(0, "refunds", "booking_id", b.booking.id)).toEqual([]);
    await settleAlarms(west);
    await settleAlarms(south);
  });

  it("totals both shards on the dashboard, and each cinema's from its own", async () => {
    const west = await createShowtime({ screenId: WEST });
    const south = await createShowtime({ screenId: SOUTH });
    const fan = await customer();
    const a = await buy(fan, west, ["E1"]);
    const b = await buy(fan, south, ["E1", "E2"]);
    const range = parseRange({ range: "7", from: null, to: null }, localDateKey(Date.now(), CONSOLE_TIME_ZONE));
    if ("error" in range) throw new Error(range.error);
    const board = (cinemaId: string | null) => loadDashboard(testServices(), { range, basis: "sale", scope: { all: true }, cinemaId });
    const [all, mumbai, bengaluru] = await Promise.all([board(null), board("cin-mum-regal"), board("cin-blr-lido")]);
    // Everything this file sold is in these two cinemas, spread over both databases.
    expect(all.totals.grossPaise).toBe(mumbai.totals.grossPaise + bengaluru.totals.grossPaise);
    expect(mumbai.totals.grossPaise).toBeGreaterThanOrEqual(a.booking.totalAmount);
    expect(bengaluru.totals.grossPaise).toBeGreaterThanOrEqual(b.booking.totalAmount);
    expect(all.totals.seatsSold).toBe(mumbai.totals.seatsSold + bengaluru.totals.seatsSold);
    expect(bengaluru.cinemas.map((c) => c.name)).toEqual(["Lido MG Road"]);
    // The sales report (and its CSV) reads each show's figures from its own database.
    const day = localDateKey(Date.now() + 3 * 3600_000, "Asia/Kolkata");
    const rows = await salesForDay(env, testServices().db, day, null, { all: true });
    expect(rows.find((r) => r.showtimeId === south)).toMatchObject({ bookings: 1, seatsSold: 2, grossPaise: b.booking.totalAmount });
    expect(rows.find((r) => r.showtimeId === west)).toMatchObject({ bookings: 1, seatsSold: 1, grossPaise: a.booking.totalAmount });
    await settleAlarms(west);
    await settleAlarms(south);
  });

  it("reminds the fans of a soon show from either shard, once the cron runs", async () => {
    const west = await createShowtime({ screenId: WEST, startsInMs: 2 * 3600_000 });
    const south = await createShowtime({ screenId: SOUTH, startsInMs: 2 * 3600_000 });
    const fan = await customer();
    const a = await buy(fan, west, ["F1"]);
    const b = await buy(fan, south, ["F1"]);
    // Bought a day ago, so the reminder is owed (bookings made inside the window are left out).
    await env.DB.prepare("UPDATE bookings SET confirmed_at = confirmed_at - 86400000 WHERE id = ?").bind(a.booking.id).run();
    await env.BOOKINGS_1.prepare("UPDATE bookings SET confirmed_at = confirmed_at - 86400000 WHERE id = ?").bind(b.booking.id).run();
    const sendBatch = vi.fn(async (_messages: MessageSendRequest<EmailJob>[]) => {});
    await enqueueShowReminders({ ...env, EMAIL_QUEUE: { sendBatch } as unknown as Queue } as Env, Date.now());
    const queued = sendBatch.mock.calls.flatMap(([messages]) => messages.map((m) => m.body.bookingId));
    expect(queued).toEqual(expect.arrayContaining([a.booking.id, b.booking.id]));
    await settleAlarms(west);
    await settleAlarms(south);
  });
  it("finds a fan's bookings in both shards from the console: by email, by order id, and on the show's page", async () => {
    const west = await createShowtime({ screenId: WEST });
    const south = await createShowtime({ screenId: SOUTH });
    const fan = await customer();
    const a = await buy(fan, west, ["C1"]);
    const b = await buy(fan, south, ["C2"]);
    const email = (await env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(b.booking.userId).first<{ email: string }>())!.email;
    const admin = await loggedIn("admin");
    const byEmail = await (await admin.browser.get(`/admin/bookings?q=${encodeURIComponent(email)}`)).text();
    expect(byEmail).toContain(`/admin/bookings/${a.booking.id}`);
    expect(byEmail).toContain(`/admin/bookings/${b.booking.id}`);
    const order = (await bookingRow(b.booking.id)).razorpayOrderId!;
    expect(await (await admin.browser.get(`/admin/bookings?q=${order}`)).text()).toContain(`/admin/bookings/${b.booking.id}`);
    const showPage = await (await admin.browser.get(`/admin/showtimes/${south}`)).text();
    expect(showPage).toContain(email);
    await settleAlarms(west);
    await settleAlarms(south);
  });
});
