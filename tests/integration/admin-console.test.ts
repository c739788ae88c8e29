import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listSeats } from "#app/domain/layout";
import { localDateKey } from "#app/domain/time";
import { cancelShowtime, refundBooking } from "#app/admin/actions.server";
import { seatsOf } from "#app/seats/gateway.server";
import { loggedIn, paidBooking, post, testServices } from "#tests/helpers/admin";
import type { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

const TZ = "Asia/Kolkata";
let admin: { browser: TestBrowser; csrf: string };
// The queue's consumer is not part of this branch's Worker; record what would be sent instead.
const send = vi.spyOn(env.EMAIL_QUEUE, "send").mockResolvedValue(undefined as never);

beforeAll(async () => {
  await seedDemoData();
  admin = await loggedIn("admin");
});
beforeEach(() => send.mockClear());

const auditCount = async (action: string, target: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ? AND target = ? AND actor_user_id = 'usr-demo-admin'").bind(action, target).first<{ n: number }>())!.n;

const idFrom = (location: string | null, prefix: string) => new RegExp(`/admin/${prefix}/([^/?]+)`).exec(location ?? "")?.[1] ?? "";

async function newScreen(name: string) {
  const res = await post(admin.browser, "/admin/cinemas/cin-blr-lido", admin.csrf, { name, rows: "4", columns: "8" });
  expect(res.status).toBe(302);
  return idFrom(res.headers.get("Location"), "screens");
}

const futureDay = (days: number) => localDateKey(Date.now() + days * 86_400_000, TZ);

async function schedule(screenId: string, date: string, time: string, prices: Record<string, string> = { "price.CLASSIC": "150", "price.PRIME": "220.50" }) {
  return post(admin.browser, `/admin/showtimes/new?screen=${screenId}`, admin.csrf, { movieId: "mov-paper-kites", date, time, format: "2D", language: "Hindi", ...prices });
}

const LAYOUT = { categoriesText: "CLASSIC Classic\nPRIME Prime", rowsText: "A CLASSIC wsss_sssc\nB CLASSIC ssxs_ssss\nC PRIME ssss_ssss" };

describe("screens and the seat-layout editor", () => {
  it("creates a screen with a starter grid, previews without saving, then saves an edited layout (audited)", async () => {
    const screenId = await newScreen("Editor Test");
    // Without JavaScript the editor is the text format, pre-filled with the current layout.
    const editor = await (await admin.browser.get(`/admin/screens/${screenId}`)).text();
    expect(editor).toMatch(/<textarea[^>]*name="rowsText"[^>]*>A CLASSIC ssss_ssss\nB CLASSIC ssss_ssss/);
    const starter = await env.DB.prepare("SELECT seat_count FROM screens WHERE id = ?").bind(screenId).first<{ seat_count: number }>();
    expect(starter?.seat_count).toBe(32);

    const preview = await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "preview", name: "Editor Test", ...LAYOUT });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Preview — as customers see it");
    expect(html).toContain("Row A seat 1, Classic, ₹0, wheelchair seat");
    expect((await env.DB.prepare("SELECT seat_count FROM screens WHERE id = ?").bind(screenId).first<{ seat_count: number }>())?.seat_count).toBe(32);

    const save = await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "Editor Test", ...LAYOUT });
    expect(save.status).toBe(302);
    const row = await env.DB.prepare("SELECT layout, seat_count FROM screens WHERE id = ?").bind(screenId).first<{ layout: string; seat_count: number }>();
    const seats = listSeats(JSON.parse(row!.layout));
    expect(row!.seat_count).toBe(23);
    expect(seats.find((s) => s.id === "A1")?.type).toBe("wheelchair");
    expect(seats.find((s) => s.id === "A8")?.type).toBe("companion");
    expect(seats.some((s) => s.id === "B3")).toBe(false); // the missing seat
    expect(seats.find((s) => s.id === "C1")?.category).toBe("PRIME");
    expect(await auditCount("screen.layout", screenId)).toBe(1);
  });

  it("refuses an invalid layout with 400 and says what is wrong", async () => {
    const screenId = await newScreen("Invalid Layout");
    const res = await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "x", categoriesText: "CLASSIC Classic", rowsText: "A GOLD ssss" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Row A uses unknown category GOLD");
  });

  it("locks the layout once any showtime on the screen has sold a seat; renaming still works", async () => {
    const screenId = await newScreen("Lock Test");
    expect((await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "Lock Test", ...LAYOUT })).status).toBe(302);
    const scheduled = await schedule(screenId, futureDay(2), "10:00");
    const showtimeId = idFrom(scheduled.headers.get("Location"), "showtimes");
    // Before any sale, a layout change that leaves a showtime without a price is refused too.
    const unpriced = await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "Lock Test", categoriesText: "GOLD Gold", rowsText: "A GOLD ssss" });
    expect(unpriced.status).toBe(409);
    expect(await unpriced.text()).toContain("no price for GOLD");

    await paidBooking(showtimeId, ["A2"]);
    const before = await env.DB.prepare("SELECT layout FROM screens WHERE id = ?").bind(screenId).first<{ layout: string }>();
    const locked = await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "Lock Test", categoriesText: "CLASSIC Classic\nPRIME Prime", rowsText: "A CLASSIC ssss" });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain("its layout is locked");
    const after = await env.DB.prepare("SELECT layout FROM screens WHERE id = ?").bind(screenId).first<{ layout: string }>();
    expect(after!.layout).toBe(before!.layout);
    expect(await (await admin.browser.get(`/admin/screens/${screenId}`)).text()).toContain("Seats have been sold on this screen");

    expect((await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "rename", name: "Audi Gold" })).status).toBe(302);
    expect(await env.DB.prepare("SELECT name FROM screens WHERE id = ?").bind(screenId).first("name")).toBe("Audi Gold");
  });
});

describe("scheduling showtimes", () => {
  it("schedules a show with per-category prices in paise, and customers can open it", async () => {
    const screenId = await newScreen("Schedule Test");
    await post(admin.browser, `/admin/screens/${screenId}`, admin.csrf, { intent: "save", name: "Schedule Test", ...LAYOUT });
    const res = await schedule(screenId, futureDay(3), "18:30");
    expect(res.status).toBe(302);
    const id = idFrom(res.headers.get("Location"), "showtimes");
    const row = await env.DB.prepare("SELECT * FROM showtimes WHERE id = ?").bind(id).first<{ prices: string; status: string; language: string }>();
    expect(JSON.parse(row!.prices)).toEqual({ CLASSIC: 15000, PRIME: 22050 });
    expect(row!.status).toBe("SCHEDULED");
    expect(await auditCount("showtime.create", id)).toBe(1);
    const customerPage = await (await loggedIn("customer")).browser.get(`/showtimes/${id}`);
    expect(customerPage.status).toBe(200);
    expect(await customerPage.text()).toContain("Prime · ₹220.50");
  });

  it("refuses an overlap on the same screen (runtime + cleaning buffer) with 409, and accepts the next free slot", async () => {
    const screenId = await newScreen("Overlap Test");
    const day = futureDay(4);
    expect((await schedule(screenId, day, "12:00")).status).toBe(302); // Paper Kites: 102 min, busy until 13:42 + 20 min cleaning
    const clash = await schedule(screenId, day, "13:50");
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain("Overlap Test is busy then: Paper Kites");
    const before = await schedule(screenId, day, "10:30"); // would run until 12:12 + 20
    expect(before.status).toBe(409);
    expect((await schedule(screenId, day, "14:02")).status).toBe(302);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM showtimes WHERE screen_id = ?").bind(screenId).first<{ n: number }>();
    expect(count?.n).toBe(2);
    // Another screen is a different room: the same time is fine there.
    const other = await newScreen("Overlap Other");
    expect((await schedule(other, day, "13:50")).status).toBe(302);
  });

  it("refuses missing prices, a language the movie is not in, and a time in the past, with 400", async () => {
    const screenId = await newScreen("Validation Test");
    const noPrice = await schedule(screenId, futureDay(1), "11:00", { "price.CLASSIC": "" });
    expect(noPrice.status).toBe(400);
    expect(await noPrice.text()).toContain("Prices look like 180 or 180.50");
    const lang = await post(admin.browser, `/admin/showtimes/new?screen=${screenId}`, admin.csrf, { movieId: "mov-paper-kites", date: futureDay(1), time: "11:00", format: "2D", language: "Tamil", "price.CLASSIC": "100" });
    expect(lang.status).toBe(400);
    expect(await lang.text()).toContain("Paper Kites is available in Hindi, English");
    const past = await schedule(screenId, futureDay(-1), "11:00", { "price.CLASSIC": "100" });
    expect(past.status).toBe(400);
  });
});

describe("live showtime view: block and unblock", () => {
  it("blocks a free seat in the seat object (audited) and refuses to block a sold one", async () => {
    const st = await createShowtime();
    await paidBooking(st, ["D4"]);
    const res = await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "block", seats: "a1, A2" });
    expect(res.status).toBe(302);
    const snap = await seatsOf(env, st).snapshot(null);
    expect(snap.seats).toMatchObject({ A1: "blocked", A2: "blocked" });
    expect(await auditCount("seats.block", st)).toBe(1);
    const sold = await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "block", seats: "D4" });
    expect(sold.status).toBe(409);
    expect(await sold.text()).toContain("D4 is sold");
    expect((await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "unblock", seats: "A1" })).status).toBe(302);
    expect((await seatsOf(env, st).snapshot(null)).seats.A1).toBeUndefined();
    const page = await (await admin.browser.get(`/admin/showtimes/${st}`)).text();
    expect(page).toContain("Blocked now: <span class=\"font-mono\">A2</span>");
  });
});

describe("cancelling a showtime", () => {
  it("marks it CANCELLED, makes it unbookable and refunds each confirmed booking exactly once", async () => {
    const st = await createShowtime();
    const confirmed = [await paidBooking(st, ["E1", "E2"]), await paidBooking(st, ["E3"]), await paidBooking(st, ["E4"])];
    await paidBooking(st, ["E5"], { status: "PENDING_PAYMENT" });
    await paidBooking(st, ["E6"], { status: "REFUNDED" });
    const refund = vi.fn(refundBooking);
    const s = testServices();
    const result = await cancelShowtime(s, { id: "usr-demo-admin" }, st, refund);
    expect(result).toEqual({ refunded: 3, failed: [] });
    expect(refund).toHaveBeenCalledTimes(3);
    expect(refund.mock.calls.map((c) => c[1].id).sort()).toEqual(confirmed.map((b) => b.id).sort());
    expect(refund.mock.calls.every((c) => c[2] === "showtime_cancelled")).toBe(true);
    expect(await env.DB.prepare("SELECT status FROM showtimes WHERE id = ?").bind(st).first("status")).toBe("CANCELLED");

    // A retry (double click, second operator) refunds nobody again.
    const again = await cancelShowtime(s, { id: "usr-demo-admin" }, st, refund);
    expect(again.refunded).toBe(0);
    expect(refund).toHaveBeenCalledTimes(3);

    // Unbookable: the seat object refuses holds, the customer page says so.
    const hold = await seatsOf(env, st).hold("usr-demo-customer", ["A5"]);
    expect(hold).toEqual({ ok: false, refusal: { code: "showtime_unavailable" } });
    const statuses = await env.DB.prepare("SELECT status, count(*) AS n FROM bookings WHERE showtime_id = ? GROUP BY status ORDER BY status").bind(st).all<{ status: string; n: number }>();
    expect(statuses.results).toEqual([
      { status: "CANCELLED", n: 3 },
      // The checkout still open ends too (a payment arriving later is never captured).
      { status: "FAILED", n: 1 },
      { status: "REFUNDED", n: 1 },
    ]);
  });

  it("a refund that fails leaves that booking confirmed for a retry, and the others are not refunded twice", async () => {
    const st = await createShowtime();
    const [a, b] = [await paidBooking(st, ["F1"]), await paidBooking(st, ["F2"])];
    const flaky = vi.fn(async (...args: Parameters<typeof refundBooking>) => (args[1].id === b.id ? { ok: false as const, message: "gateway down" } : refundBooking(...args)));
    const s = testServices();
    expect(await cancelShowtime(s, { id: "usr-demo-admin" }, st, flaky)).toEqual({ refunded: 1, failed: [{ bookingId: b.id, message: "gateway down" }] });
    const retry = vi.fn(refundBooking);
    expect(await cancelShowtime(s, { id: "usr-demo-admin" }, st, retry)).toEqual({ refunded: 1, failed: [] });
    expect(retry.mock.calls.map((c) => c[1].id)).toEqual([b.id]);
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(a.id).first("status")).toBe("CANCELLED");
  });

  it("through the page: needs the confirmation tick, then cancels, refunds, emails and audits", async () => {
    const st = await createShowtime();
    const booking = await paidBooking(st, ["G1"]);
    const unticked = await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "cancel" });
    expect(unticked.status).toBe(400);
    expect(await env.DB.prepare("SELECT status FROM showtimes WHERE id = ?").bind(st).first("status")).toBe("SCHEDULED");
    const res = await post(admin.browser, `/admin/showtimes/${st}`, admin.csrf, { intent: "cancel", confirm: "yes" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/showtimes/${st}?cancelled=1&failed=0`);
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(booking.id).first("status")).toBe("CANCELLED");
    expect(await env.DB.prepare("SELECT status FROM booking_seats WHERE booking_id = ?").bind(booking.id).first("status")).toBe("RELEASED");
    expect(send).toHaveBeenCalledWith({ type: "booking_cancelled", bookingId: booking.id, idempotencyKey: `booking_cancelled:${booking.id}` }, { contentType: "json" });
    expect(await auditCount("showtime.cancel", st)).toBe(1);
    expect(await auditCount("booking.refund", booking.id)).toBe(1);
    const customer = await (await loggedIn("customer")).browser.get(`/showtimes/${st}`);
    expect(await customer.text()).toMatch(/cancelled/i);
  });
});

describe("sales and CSV export", () => {
  it("exports the day's sales per showtime with escaped fields, totals and a download header", async () => {
    await env.DB.prepare(
      "INSERT INTO movies (id, slug, title, synopsis, runtime_minutes, certificate, languages, genres, release_date, poster_hue, status) VALUES ('mov-csv', 'csv-movie', 'Lights, \"Camera\"', 's', 100, 'U', '[\"Hindi\"]', '[\"Drama\"]', '2026-01-01', 1, 'ACTIVE')",
    ).run();
    const day = futureDay(6);
    const startsAt = Date.parse(`${day}T09:30:00Z`); // 15:00 in Kolkata
    await env.DB.prepare("INSERT INTO showtimes (id, movie_id, screen_id, starts_at, format, language, prices, status) VALUES ('st-csv', 'mov-csv', 'scr-del-saket-2', ?, '2D', 'Hindi', '{\"CLASSIC\":18000,\"PRIME\":25000}', 'SCHEDULED')")
      .bind(startsAt)
      .run();
    const a = await paidBooking("st-csv", ["A1", "A2"]); // 2 × 180 + fees 60 + GST 10.80 = 430.80
    const b = await paidBooking("st-csv", ["A3"], { status: "REFUNDED" });
    await env.DB.prepare("INSERT INTO refunds (id, booking_id, payment_id, amount, reason, status, created_at, updated_at) VALUES ('rf-csv', ?, 'pay-csv', ?, 'customer', 'PROCESSED', 0, 0)").bind(b.id, b.total).run();

    const res = await admin.browser.get(`/admin/sales/export?date=${day}&cinema=cin-del-saket`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="marquee-sales-${day}-cin-del-saket.csv"`);
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("showtime_id,starts_at_local,cinema,screen,movie,status,capacity,seats_sold,occupancy_pct,bookings,gross_inr,fees_inr,refunds_inr,net_inr");
    const row = lines.find((l) => l.startsWith("st-csv,"));
    // Two seats sold of 126; gross counts both paid bookings; the refund comes off the net.
    expect(row).toBe(`st-csv,${day} 15:00,Saket Select,Screen 2,"Lights, ""Camera""",SCHEDULED,126,2,1.6,2,${((a.total + b.total) / 100).toFixed(2)},${((a.fee + b.fee) / 100).toFixed(2)},${(b.total / 100).toFixed(2)},${(a.total / 100).toFixed(2)}`);
    expect(lines.at(-2)).toMatch(/^TOTAL,,,,,,/);
    expect(lines.at(-1)).toBe("");
    // A day that is no day is refused, never answered with today's figures under its name.
    for (const bad of ["275760-01-01", "2026-02-30", "garbage"]) {
      const refused = await admin.browser.get(`/admin/sales/export?date=${bad}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.headers.get("Content-Disposition")).toBeNull();
      expect(await refused.text()).toContain("Dates look like 2026-11-25");
    }
    expect((await admin.browser.get("/admin/showtimes?date=9999-99-99")).status).toBe(400);

    const page = await (await admin.browser.get(`/admin/sales?date=${day}&cinema=cin-del-saket`)).text();
    expect(page).toContain("Lights, &quot;Camera&quot;");
    expect(page).toContain(`/admin/sales/export?date=${day}&amp;cinema=cin-del-saket`);
  });
});

describe("bookings, re-sends and the dead-letter list", () => {
  it("finds bookings by id, email and mobile, and shows the booking's history", async () => {
    const st = await createShowtime();
    const { id } = await paidBooking(st, ["L1"]);
    await env.DB.prepare("INSERT INTO email_log (id, booking_id, type, recipient, status, attempts, last_error, created_at, updated_at) VALUES (?, ?, 'booking_confirmed', 'demo@marquee.test', 'FAILED', 3, 'mailbox full', 0, 0)").bind(`booking_confirmed:${id}`, id).run();
    expect(await (await admin.browser.get(`/admin/bookings?q=${id}`)).text()).toContain(`/admin/bookings/${id}`);
    expect(await (await admin.browser.get("/admin/bookings?q=DEMO%40marquee.test")).text()).toContain(`/admin/bookings/${id}`);
    // The box office types the customer's mobile however they say it, with the name or booking id too:
    // a mobile alone lists nothing, since anyone may have given that number.
    const mobile = encodeURIComponent("098765 43210");
    const alone = await (await admin.browser.get(`/admin/bookings?q=${mobile}`)).text();
    expect(alone).not.toContain(`/admin/bookings/${id}`);
    expect(alone).toContain("Ask the customer for their name or booking id too");
    expect(await (await admin.browser.get(`/admin/bookings?q=${mobile}&also=moviegoer`)).text()).toContain(`/admin/bookings/${id}`);
    expect(await (await admin.browser.get(`/admin/bookings?q=${mobile}&also=${id}`)).text()).toContain(`/admin/bookings/${id}`);
    expect(await (await admin.browser.get(`/admin/bookings?q=${mobile}&also=Stranger`)).text()).not.toContain(`/admin/bookings/${id}`);
    expect(await (await admin.browser.get("/admin/bookings?q=%2B919999999999&also=moviegoer")).text()).not.toContain(`/admin/bookings/${id}`);
    await env.DB.prepare("UPDATE bookings SET razorpay_order_id = ? WHERE id = ?").bind(`order_${id}`, id).run();
    await env.DB.prepare("INSERT INTO webhook_events (id, event, payload, received_at) VALUES (?, 'payment.captured', ?, 0)").bind(`evt_${id}`, JSON.stringify({ payload: { payment: { entity: { order_id: `order_${id}` } } } })).run();
    await env.DB.prepare("INSERT INTO webhook_events (id, event, payload, received_at) VALUES (?, 'payment.failed', ?, 0)").bind(`evt_other_${id}`, JSON.stringify({ order_id: "order_someone_else" })).run();
    const detail = await (await admin.browser.get(`/admin/bookings/${id}`)).text();
    expect(detail).toContain(`evt_${id}`);
    expect(detail).not.toContain(`evt_other_${id}`);
    expect(detail).toContain("mailbox full");
    expect(detail).toContain("Demo Moviegoer");
  });

  it("re-sends a confirmation through the queue (audited) and refunds one booking on request", async () => {
    const st = await createShowtime();
    const { id } = await paidBooking(st, ["M1"]);
    expect((await post(admin.browser, `/admin/bookings/${id}`, admin.csrf, { intent: "resend" })).status).toBe(302);
    expect(send).toHaveBeenCalledWith(
      { type: "booking_confirmed", bookingId: id, idempotencyKey: expect.stringMatching(new RegExp(`^booking_confirmed:${id}:resend:\\d+$`)) },
      { contentType: "json" },
    );
    expect(await auditCount("email.resend", id)).toBe(1);

    expect((await post(admin.browser, `/admin/bookings/${id}`, admin.csrf, { intent: "refund", note: "" })).status).toBe(400);
    // Without the confirmation tick nothing moves.
    expect((await post(admin.browser, `/admin/bookings/${id}`, admin.csrf, { intent: "refund", note: "Projector broke" })).status).toBe(400);
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(id).first("status")).toBe("CONFIRMED");
    expect((await post(admin.browser, `/admin/bookings/${id}`, admin.csrf, { intent: "refund", note: "Projector broke", confirm: "yes" })).status).toBe(302);
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(id).first("status")).toBe("CANCELLED");
    const twice = await post(admin.browser, `/admin/bookings/${id}`, admin.csrf, { intent: "refund", note: "Projector broke", confirm: "yes" });
    expect(twice.status).toBe(409);
    expect(await auditCount("booking.refund", id)).toBe(1);
  });

  it("re-sends a dead-lettered email once", async () => {
    const st = await createShowtime();
    const { id } = await paidBooking(st, ["N1"]);
    await env.DB.prepare("INSERT INTO email_dead_letters (id, body, attempts, received_at) VALUES ('dl-1', ?, 5, 0)").bind(JSON.stringify({ type: "refund_issued", bookingId: id, idempotencyKey: `refund_issued:${id}` })).run();
    await env.DB.prepare("INSERT INTO email_dead_letters (id, body, attempts, received_at) VALUES ('dl-junk', 'not json', 5, 0)").run();
    const list = await (await admin.browser.get("/admin/emails")).text();
    expect(list).toContain(`Re-send refund issued for booking ${id}`);
    expect(list).toContain("unreadable message");
    expect((await post(admin.browser, "/admin/emails", admin.csrf, { id: "dl-1" })).status).toBe(302);
    expect(send).toHaveBeenCalledTimes(1);
    expect((await post(admin.browser, "/admin/emails", admin.csrf, { id: "dl-1" })).status).toBe(409);
    expect((await post(admin.browser, "/admin/emails", admin.csrf, { id: "dl-junk" })).status).toBe(409);
    expect(send).toHaveBeenCalledTimes(1);
    expect(await auditCount("email.resend_dead_letter", "dl-1")).toBe(1);
  });
});

describe("movies and cinemas", () => {
  it("creates, edits and archives a movie, each change audited; bad input is a 400 next to the field", async () => {
    const fields = { title: "The Quiet Projector", synopsis: "A projectionist's last night.", runtimeMinutes: "98", certificate: "U", languages: "Hindi, English", genres: "Drama", releaseDate: "2026-12-01", posterHue: "30" };
    const bad = await post(admin.browser, "/admin/movies/new", admin.csrf, { ...fields, runtimeMinutes: "0" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Runtime must be at least 1 minute");
    const created = await post(admin.browser, "/admin/movies/new", admin.csrf, fields);
    expect(created.status).toBe(302);
    const id = idFrom(created.headers.get("Location"), "movies");
    const row = await env.DB.prepare("SELECT slug, languages, status FROM movies WHERE id = ?").bind(id).first<{ slug: string; languages: string; status: string }>();
    expect(row).toEqual({ slug: "the-quiet-projector", languages: '["Hindi","English"]', status: "ACTIVE" });
    expect((await admin.browser.get("/posters/the-quiet-projector")).status).toBe(200);
    expect((await post(admin.browser, `/admin/movies/${id}`, admin.csrf, { intent: "save", ...fields, title: "The Quiet Projector (Director's Cut)" })).status).toBe(302);
    expect((await post(admin.browser, `/admin/movies/${id}`, admin.csrf, { intent: "archive" })).status).toBe(302);
    expect(await env.DB.prepare("SELECT title || '|' || status || '|' || slug FROM movies WHERE id = ?").bind(id).first("title || '|' || status || '|' || slug")).toBe("The Quiet Projector (Director's Cut)|ARCHIVED|the-quiet-projector");
    expect(await auditCount("movie.create", id)).toBe(1);
    expect(await auditCount("movie.update", id)).toBe(1);
    expect(await auditCount("movie.archive", id)).toBe(1);
  });

  it("creates a cinema in a city with a valid IANA time zone only", async () => {
    const bad = await post(admin.browser, "/admin/cinemas", admin.csrf, { intent: "cinema", name: "Moon Cinema", address: "Crater 1", cityId: "city-delhi", timeZone: "Moon/Base" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Use an IANA time zone");
    const ok = await post(admin.browser, "/admin/cinemas", admin.csrf, { intent: "cinema", name: "Odeon Dubai", address: "Marina", cityId: "city-delhi", timeZone: "Asia/Dubai" });
    expect(ok.status).toBe(302);
    const id = idFrom(ok.headers.get("Location"), "cinemas");
    expect(await env.DB.prepare("SELECT time_zone FROM cinemas WHERE id = ?").bind(id).first("time_zone")).toBe("Asia/Dubai");
    expect(await auditCount("cinema.create", id)).toBe(1);
    const edited = await post(admin.browser, `/admin/cinemas/${id}`, admin.csrf, { intent: "update", name: "Odeon Marina", address: "Marina Walk", timeZone: "Asia/Dubai" });
    expect(edited.status).toBe(302);
    expect(await env.DB.prepare("SELECT name FROM cinemas WHERE id = ?").bind(id).first("name")).toBe("Odeon Marina");
    expect((await post(admin.browser, `/admin/cinemas/${id}`, admin.csrf, { intent: "update", name: "Odeon Marina", address: "x", timeZone: "Nowhere" })).status).toBe(400);
    expect(await auditCount("cinema.update", id)).toBe(1);
  });
});
