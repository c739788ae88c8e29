import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { checkInTicket, doorClock } from "#app/admin/check-in.server";
import { cancelAndRefundBooking } from "#app/payments/settle.server";
import { formatShowDate } from "#app/domain/time";
import { ticketToken } from "#app/tickets/token.server";
import { loggedIn, paidBooking, post, testServices } from "#tests/helpers/admin";
import type { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

const TZ = "Asia/Kolkata";
const KEYS = { SESSION_SECRET: env.SESSION_SECRET };
const MIN = 60_000;
// The demo door account stands at Lido MG Road (Bengaluru); Regal Colaba (Mumbai) is another cinema.
const LIDO = "cin-blr-lido";
const LIDO_1 = "scr-blr-lido-1";
const LIDO_2 = "scr-blr-lido-2";
const REGAL_1 = "scr-mum-regal-1";
// createShowtime's film (Orbit Zero) runs 162 minutes.
const RUNTIME = 162;

type Who = { browser: TestBrowser; csrf: string };
let door: Who;
let customer: Who;
let admin: Who;
vi.spyOn(env.EMAIL_QUEUE, "send").mockResolvedValue(undefined as never);

beforeAll(async () => {
  await seedDemoData();
  [door, customer, admin] = await Promise.all([loggedIn("door"), loggedIn("customer"), loggedIn("admin")]);
});

const scan = (token: string, fields: Record<string, string> = {}, who: Who = door) => post(who.browser, "/admin/check-in", who.csrf, { cinemaId: LIDO, screenId: "", token, ...fields });
const stamp = async (id: string) => (await env.DB.prepare("SELECT checked_in_at FROM bookings WHERE id = ?").bind(id).first<number | null>("checked_in_at")) ?? null;
const seatStamps = async (id: string) =>
  (await env.DB.prepare("SELECT seat_id, checked_in_at FROM booking_seats WHERE booking_id = ? ORDER BY seat_id").bind(id).all<{ seat_id: string; checked_in_at: number | null }>()).results;
const audits = async (id: string) => (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'booking.check_in' AND target = ?").bind(id).first<number>("n"))!;

async function ticketFor(opts: { startsInMs: number; screenId?: string; seats?: string[]; status?: string; showStatus?: "SCHEDULED" | "CANCELLED" }) {
  const st = await createShowtime({ startsInMs: opts.startsInMs, screenId: opts.screenId ?? LIDO_1, status: opts.showStatus });
  const startsAt = (await env.DB.prepare("SELECT starts_at FROM showtimes WHERE id = ?").bind(st).first<number>("starts_at"))!;
  const { id } = await paidBooking(st, opts.seats ?? ["H1", "H2"], { status: opts.status });
  return { id, st, startsAt, token: await ticketToken(KEYS, id) };
}

describe("door check-in at a chosen cinema", () => {
  it("admits a ticket for this cinema inside the window, naming cinema, screen, film, time and seats; a second scan is refused with the time it went in", async () => {
    const t = await ticketFor({ startsInMs: 30 * MIN });
    const first = await scan(t.token);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("Admit 2: H1, H2");
    for (const words of ["Lido MG Road", "Screen 1", "Orbit Zero", formatShowDate(t.startsAt, TZ), "IST", "Seats H1"]) expect(html).toContain(words);
    const at = (await stamp(t.id))!;
    expect(at).toBeGreaterThan(0);
    expect((await seatStamps(t.id)).every((s) => s.checked_in_at === at)).toBe(true);
    expect(await audits(t.id)).toBe(1);

    const again = await scan(`https://marquee.example/t/${t.token}`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`Do not admit: already in at ${doorClock(at, TZ)} IST`);
    expect(await stamp(t.id)).toBe(at);
    expect(await audits(t.id)).toBe(1);
  });

  it("refuses a ticket for another cinema, naming that cinema, and a ticket for another screen when the door is one screen", async () => {
    const mumbai = await ticketFor({ startsInMs: 10 * MIN, screenId: REGAL_1 });
    const res = await scan(mumbai.token);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Do not admit: wrong cinema — this ticket is for Regal Colaba");
    expect(html).toContain("Seats H1, H2");
    expect(await stamp(mumbai.id)).toBeNull();

    const screen2 = await ticketFor({ startsInMs: 10 * MIN, screenId: LIDO_2 });
    const wrongScreen = await scan(screen2.token, { screenId: LIDO_1 });
    expect(wrongScreen.status).toBe(409);
    expect(await wrongScreen.text()).toContain("wrong screen — this ticket is for Screen 2");
    expect((await scan(screen2.token, { screenId: LIDO_2 })).status).toBe(200);
  });

  it("a door account cannot stand at another cinema's door (404), nor name a screen of another cinema (400)", async () => {
    const mumbai = await ticketFor({ startsInMs: 10 * MIN, screenId: REGAL_1 });
    expect((await door.browser.get("/admin/check-in?cinema=cin-mum-regal")).status).toBe(404);
    expect((await scan(mumbai.token, { cinemaId: "cin-mum-regal" })).status).toBe(404);
    expect((await scan(mumbai.token, { screenId: REGAL_1 })).status).toBe(400);
    expect(await stamp(mumbai.id)).toBeNull();
    // The door page offers only this account's cinema.
    const page = await (await door.browser.get("/admin/check-in")).text();
    expect(page).toContain("Door check-in — Lido MG Road");
    expect(page).not.toContain("Regal Colaba");
  });

  it("refuses too early (with the opening time), on the wrong day (naming it), and after the film has ended", async () => {
    const early = await ticketFor({ startsInMs: 61 * MIN + 30_000 });
    const tooEarly = await scan(early.token);
    expect(tooEarly.status).toBe(409);
    expect(await tooEarly.text()).toContain(`Do not admit yet: doors open at ${doorClock(early.startsAt - 60 * MIN, TZ)}`);

    const later = await ticketFor({ startsInMs: 2 * 86_400_000 });
    const wrongDay = await scan(later.token);
    expect(wrongDay.status).toBe(409);
    expect(await wrongDay.text()).toContain(`Do not admit: wrong day — this ticket is for ${formatShowDate(later.startsAt, TZ)}`);

    const over = await ticketFor({ startsInMs: -(RUNTIME + 1) * MIN });
    const tooLate = await scan(over.token);
    expect(tooLate.status).toBe(409);
    expect(await tooLate.text()).toMatch(/Do not admit: (the show is over|wrong day)/);
    for (const t of [early, later, over]) expect(await stamp(t.id)).toBeNull();
  });

  it("refuses cancelled and refunded bookings and a cancelled show", async () => {
    for (const status of ["CANCELLED", "REFUNDED"]) {
      const t = await ticketFor({ startsInMs: 10 * MIN, status });
      const res = await scan(t.token);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain(`Do not admit: this booking was ${status.toLowerCase()}`);
      expect(await stamp(t.id)).toBeNull();
    }
    const show = await ticketFor({ startsInMs: 10 * MIN, showStatus: "CANCELLED" });
    expect(await (await scan(show.token)).text()).toContain("Do not admit: the show was cancelled");
  });

  it("two ushers scanning the same ticket at the same moment admit it once", async () => {
    const t = await ticketFor({ startsInMs: 5 * MIN, seats: ["J1", "J2", "J3"] });
    const place = { cinemaId: LIDO };
    const results = await Promise.all([1, 2, 3].map(() => checkInTicket(testServices(), t.token, place)));
    expect(results.map((r) => r.kind).sort()).toEqual(["already_checked_in", "already_checked_in", "checked_in"]);
    const admitted = results.flatMap((r) => (r.kind === "checked_in" ? r.admitted : []));
    expect(admitted).toEqual(["J1", "J2", "J3"]);
  });

  it("admits part of a party seat by seat, then the rest, then refuses; seats not on the ticket are refused", async () => {
    const t = await ticketFor({ startsInMs: 0, seats: ["K1", "K2", "K3"] });
    const wrong = await scan(t.token, { seats: "K9" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("K9 is not on this ticket");
    const part = await scan(t.token, { seats: "k1, K2" });
    expect(part.status).toBe(200);
    expect(await part.text()).toContain("Admit 2: K1, K2 (1 still to come)");
    const seats = await seatStamps(t.id);
    expect(seats.filter((s) => s.checked_in_at !== null).map((s) => s.seat_id)).toEqual(["K1", "K2"]);
    // The booking counts as used from the first seat in.
    expect(await stamp(t.id)).toBe(seats[0]!.checked_in_at);
    const rest = await scan(t.token);
    expect(rest.status).toBe(200);
    expect(await rest.text()).toContain("Admit 1: K3");
    expect((await scan(t.token, { seats: "K1" })).status).toBe(409);
    expect((await scan(t.token)).status).toBe(409);
    expect(await audits(t.id)).toBe(2);
  });

  it("refuses a tampered or foreign token, an unknown booking and an empty code", async () => {
    const t = await ticketFor({ startsInMs: 10 * MIN });
    const other = await ticketFor({ startsInMs: 10 * MIN });
    const res = await scan(t.token.replace(t.id, other.id));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("not a valid Marquee ticket");
    expect((await scan(await ticketToken({ SESSION_SECRET: "another-secret-of-sufficient-length-000000" }, t.id))).status).toBe(422);
    expect((await scan(await ticketToken(KEYS, "bk-does-not-exist"))).status).toBe(404);
    expect((await scan("  ")).status).toBe(400);
    expect(await stamp(t.id)).toBeNull();
    expect(await stamp(other.id)).toBeNull();
  });
});

describe("after check-in the ticket is used", () => {
  it("the shared cancel refuses a customer once the door has admitted a seat, even if the page let them try", async () => {
    const t = await ticketFor({ startsInMs: 10 * MIN });
    expect((await scan(t.token, { seats: "H1" })).status).toBe(200);
    const deps = await testServices().payments();
    expect(await cancelAndRefundBooking(deps, t.id, { refundPaise: 100, reason: "customer_cancellation", by: "customer" })).toEqual({ ok: false, reason: "checked_in" });
    const row = await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(t.id).first<string>("status");
    expect(row).toBe("CONFIRMED");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM booking_seats WHERE booking_id = ? AND status = 'CONFIRMED'").bind(t.id).first("n")).toBe(2);
  });

  it("the customer's page says checked in, offers no cancel button, and a posted cancel gets a 409 and changes nothing", async () => {
    // A show far enough off that the cancellation policy alone would allow it; the door admitted it anyway.
    const t = await ticketFor({ startsInMs: 5 * 3600_000 });
    await env.DB.batch([
      env.DB.prepare("UPDATE bookings SET checked_in_at = ? WHERE id = ?").bind(Date.now(), t.id),
      env.DB.prepare("UPDATE booking_seats SET checked_in_at = ? WHERE booking_id = ?").bind(Date.now(), t.id),
    ]);
    const page = await (await customer.browser.get(`/bookings/${t.id}`)).text();
    expect(page).toContain("Checked in");
    expect(page.split("<script")[0]).not.toContain("Cancel booking");
    const res = await post(customer.browser, `/bookings/${t.id}`, customer.csrf, { intent: "cancel", confirm: "yes" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("used at the door");
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(t.id).first("status")).toBe("CONFIRMED");
  });

  it("an operator can still refund a checked-in booking, with a reason, audited", async () => {
    const t = await ticketFor({ startsInMs: 10 * MIN });
    expect((await scan(t.token)).status).toBe(200);
    expect((await post(admin.browser, `/admin/bookings/${t.id}`, admin.csrf, { intent: "refund", note: "" })).status).toBe(400);
    const res = await post(admin.browser, `/admin/bookings/${t.id}`, admin.csrf, { intent: "refund", note: "Projector broke mid-film", confirm: "yes" });
    expect(res.status).toBe(302);
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(t.id).first("status")).toBe("CANCELLED");
    const entry = await env.DB.prepare("SELECT actor_user_id, details FROM audit_log WHERE action = 'booking.refund' AND target = ?").bind(t.id).first<{ actor_user_id: string; details: string }>();
    expect(entry?.actor_user_id).toBe("usr-demo-admin");
    expect(JSON.parse(entry!.details)).toMatchObject({ note: "Projector broke mid-film", checkedIn: true });
  });
});
