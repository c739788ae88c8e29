import { SEED_SCREENS } from "#app/db/seed-data.server";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkInTicket } from "#app/admin/check-in.server";
import { lookupBookings } from "#app/admin/bookings.server";
import { seatsOf } from "#app/seats/gateway.server";
import { shareToken } from "#app/tickets/token.server";
import { loggedIn, post, testServices } from "#tests/helpers/admin";
import { csrfTokenFrom } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { bookingRow, csrfOf, customer, holdSeats, paySandbox, postCallback, proceedToPay, settleAlarms, testPayments } from "#tests/helpers/payments";
import type { TestBrowser } from "#tests/helpers/browser";

beforeAll(async () => {
  await seedDemoData();
});

const KEYS = { SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789" };

async function confirmed(st: string, seats: string[]) {
  const fan = await customer();
  const booking = await proceedToPay(fan, st, await holdSeats(fan, st, seats));
  const { deps } = await testPayments();
  expect((await postCallback(fan, booking.id, await paySandbox(deps, booking.razorpayOrderId!))).status).toBe(302);
  const code = await env.DB.prepare("SELECT code FROM bookings WHERE id = ?").bind(booking.id).first<string>("code");
  return { fan, booking: await bookingRow(booking.id), code: code! };
}

const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

async function seatForm(fan: TestBrowser, st: string, seats: string[]) {
  const page = await fan.get(`/showtimes/${st}`);
  const body = new URLSearchParams(seats.map((s) => ["seat", s]));
  body.set("csrf", csrfTokenFrom(await page.text()));
  return fan.fetch(`/showtimes/${st}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" } });
}

describe("a booking past its hold deadline", () => {
  it("reads as expired the moment it is viewed, before any cron, and can no longer be paid", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const holdId = await holdSeats(fan, st, ["A5"]);
    const hold = await seatsOf(env, st).getHold(holdId);
    const booking = await proceedToPay(fan, st, holdId);
    expect(await env.DB.prepare("SELECT hold_expires_at FROM bookings WHERE id = ?").bind(booking.id).first("hold_expires_at")).toBe(hold!.expiresAt);
    expect(await text(await fan.get(`/bookings/${booking.id}`))).toContain("Continue to payment");

    await env.DB.prepare("UPDATE bookings SET hold_expires_at = ? WHERE id = ?").bind(Date.now() - 1, booking.id).run();
    const page = await text(await fan.get(`/bookings/${booking.id}`));
    expect(page).toContain('data-status="EXPIRED"');
    expect(page.split("<script")[0]).not.toContain("Continue to payment");
    expect((await fan.get(`/bookings/${booking.id}/pay`)).headers.get("Location")).toBe(`/bookings/${booking.id}`);
    const account = await text(await fan.get("/account"));
    expect(account).toContain("Expired");
    expect(account).not.toContain("Pending payment");
    // Only the page's reading changed: settling the money is still the cron's job.
    expect((await bookingRow(booking.id)).status).toBe("PENDING_PAYMENT");
    await settleAlarms(st);
  });
});

describe("changing seats", () => {
  it("keeps the current seats held and selected, and replaces them only when the new pick is confirmed", async () => {
    const st = await createShowtime();
    const fan = await customer();
    await holdSeats(fan, st, ["B1", "B2"]);
    const summary = await text(await fan.get(`/showtimes/${st}/summary`));
    expect(summary).toContain(`href="/showtimes/${st}"`);
    const map = await text(await fan.get(`/showtimes/${st}`));
    expect(map).toContain("You are holding B1, B2");
    expect(map).toMatch(/checked="" value="B1"/);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({ B1: "held", B2: "held" });

    const res = await seatForm(fan, st, ["B2", "B3"]);
    expect(res.headers.get("Location")).toBe(`/showtimes/${st}/summary`);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({ B2: "held", B3: "held" });
    await settleAlarms(st);
  });

  it("a tab holding an older hold is shown the current one, not told that it expired", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const first = await holdSeats(fan, st, ["C1"]);
    await holdSeats(fan, st, ["C2"]); // the second tab
    const res = await fan.submit(`/showtimes/${st}/pay`, { holdId: first }, { csrf: await csrfOf(fan) });
    expect(res.headers.get("Location")).toBe(`/showtimes/${st}/summary?notice=changed`);
    const summary = await text(await fan.get(`/showtimes/${st}/summary?notice=changed`));
    expect(summary).toContain("changed in another tab");
    expect(summary).toContain("C2");
    await settleAlarms(st);
  });
});

describe("the seat limit without JavaScript", () => {
  it("says what the limit is and keeps every tick", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const seats = Array.from({ length: 11 }, (_, i) => `D${i + 1}`);
    const res = await seatForm(fan, st, seats);
    expect(res.status).toBe(422);
    const page = await text(res);
    expect(page).toContain("You can pick up to 10 seats per show. You ticked 11: untick 1 and continue.");
    expect(page).toMatch(/role="alert"[^]*You can pick up to 10/);
    for (const id of seats) expect(page).toContain(`checked="" value="${id}"`);
    expect((await seatsOf(env, st).snapshot(null)).seats).toEqual({});
  });
});

describe("the short booking code", () => {
  it("is 8 unambiguous characters, unique, and found in any case by the door and the console", async () => {
    // Half an hour before the show: inside the door's window.
    const st = await createShowtime({ startsInMs: 30 * 60_000 });
    const door = { cinemaId: SEED_SCREENS[0]!.cinemaId };
    const a = await confirmed(st, ["E1"]);
    const b = await confirmed(st, ["E2"]);
    for (const code of [a.code, b.code]) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(a.code).not.toBe(b.code);
    await expect(env.DB.prepare("UPDATE bookings SET code = ? WHERE id = ?").bind(a.code, b.booking.id).run()).rejects.toThrow(/UNIQUE/);

    const typed = `${a.code.slice(0, 4).toLowerCase()}-${a.code.slice(4)}`;
    const found = await lookupBookings(env, testServices().db, typed, { all: true });
    if (found === "needs_more") throw new Error("a booking code must be enough on its own");
    expect(found.map((r) => r.booking.id)).toEqual([a.booking.id]);
    const page = await text(await a.fan.get(`/bookings/${a.booking.id}`));
    expect(page).toContain(`${a.code.slice(0, 4)}-${a.code.slice(4)}`);

    expect(await checkInTicket(testServices(), typed, door)).toMatchObject({ kind: "checked_in", ticket: { bookingId: a.booking.id } });
    expect(await checkInTicket(testServices(), typed, door)).toMatchObject({ kind: "already_checked_in" });
    expect(await checkInTicket(testServices(), "ZZZZ-ZZZZ", door)).toMatchObject({ kind: "invalid" });
    await settleAlarms(st);
  });
});

describe("the shared ticket link", () => {
  it("shows the ticket without account data; forged, foreign and cancelled links are refused", async () => {
    const st = await createShowtime();
    const { fan, booking } = await confirmed(st, ["F1", "F2"]);
    const page = await text(await fan.get(`/bookings/${booking.id}`));
    const link = /\/t\/(S1\.[A-Za-z0-9_.-]+)/.exec(page)?.[1];
    expect(link).toBeDefined();

    const stranger = await customer();
    const shared = await stranger.get(`/t/${link}`);
    expect(shared.status).toBe(200);
    const html = await text(shared);
    expect(html).toContain("F1, F2");
    const user = await env.DB.prepare("SELECT name, email FROM users WHERE id = ?").bind(booking.userId).first<{ name: string; email: string }>();
    expect(html).not.toContain(user!.email);
    expect(html).not.toContain(booking.razorpayOrderId!);
    expect((await stranger.get(`/t/${link}/qr.svg`)).status).toBe(200);

    const forged = link!.slice(0, -3) + (link!.endsWith("AAA") ? "BBB" : "AAA");
    expect((await stranger.get(`/t/${forged}`)).status).toBe(404);
    // A door token, or a share token signed with another secret, is not a share link.
    expect((await stranger.get(`/t/${link!.replace(/^S1/, "MQ1")}`)).status).toBe(404);
    expect((await stranger.get(`/t/${await shareToken({ SESSION_SECRET: "another-secret-that-is-long-enough-000000" }, booking.id)}`)).status).toBe(404);
    expect((await stranger.get(`/t/${await shareToken(KEYS, "bkg_nosuchbooking")}`)).status).toBe(404);

    expect((await fan.submit(`/bookings/${booking.id}`, { intent: "cancel", confirm: "yes" }, { csrf: await csrfOf(fan) })).status).toBe(302);
    expect((await stranger.get(`/t/${link}`)).status).toBe(410);
    expect((await stranger.get(`/t/${link}/qr.svg`)).status).toBe(404);
    await settleAlarms(st);
  });

  it("the .ics and the ticket image are the owner's only, in the cinema's time zone", async () => {
    const st = await createShowtime();
    const { fan, booking } = await confirmed(st, ["F5"]);
    const ics = await fan.get(`/bookings/${booking.id}/calendar.ics`);
    expect(ics.headers.get("Content-Type")).toContain("text/calendar");
    const body = await ics.text();
    expect(body).toMatch(/DTSTART;TZID=Asia\/Kolkata:\d{8}T\d{6}/);
    expect(body).toContain("F5");
    expect((await fan.get(`/bookings/${booking.id}/ticket-image.svg`)).headers.get("Content-Type")).toContain("image/svg+xml");
    const stranger = await customer();
    expect((await stranger.get(`/bookings/${booking.id}/calendar.ics`)).status).toBe(404);
    expect((await stranger.get(`/bookings/${booking.id}/ticket-image.svg`)).status).toBe(404);
    await settleAlarms(st);
  });
});

describe("refund wording on the customer's page", () => {
  it("a customer's partial refund names who cancelled and what was kept", async () => {
    const st = await createShowtime({ startsInMs: 5 * 3600_000 });
    const { fan, booking } = await confirmed(st, ["G1"]);
    await fan.submit(`/bookings/${booking.id}`, { intent: "cancel", confirm: "yes" }, { csrf: await csrfOf(fan) });
    const page = await text(await fan.get(`/bookings/${booking.id}`));
    expect(page).toContain("You cancelled this booking.");
    expect(page).toMatch(/Refund: ₹[\d.,]+ of the ₹[\d.,]+ you paid\. The convenience fee and its GST \(₹[\d.,]+\) are not refunded\./);
    await settleAlarms(st);
  });

  it("an operator's full refund says the cinema cancelled and everything comes back", async () => {
    const st = await createShowtime({ startsInMs: 5 * 3600_000 });
    const { fan, booking } = await confirmed(st, ["G3"]);
    const admin = await loggedIn("admin");
    expect((await post(admin.browser, `/admin/bookings/${booking.id}`, admin.csrf, { intent: "refund", note: "Projector broke", confirm: "yes" })).status).toBe(302);
    const page = await text(await fan.get(`/bookings/${booking.id}`));
    expect(page).toContain("The cinema cancelled this booking.");
    expect(page).toContain(`Full refund: ₹${(booking.totalAmount / 100).toFixed(2).replace(/\.00$/, "")}, everything you paid, including the convenience fee.`);
    expect(page).not.toMatch(/data-testid="refund-summary">[^<]*not refunded/);
    await settleAlarms(st);
  });
});
