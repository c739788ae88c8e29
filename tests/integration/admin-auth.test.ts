import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import shippedRoutes from "virtual:marquee/shipped-routes";
import { loggedIn, paidBooking } from "#tests/helpers/admin";
import { TestBrowser, csrfTokenFrom } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

let showtimeId = "";
let bookingId = "";
beforeAll(async () => {
  await seedDemoData();
  showtimeId = await createShowtime();
  bookingId = (await paidBooking(showtimeId, ["B3"])).id;
  await env.DB.prepare("INSERT INTO email_dead_letters (id, body, attempts, received_at) VALUES ('dl-auth-1', ?, 5, 0)")
    .bind(JSON.stringify({ type: "booking_confirmed", bookingId, idempotencyKey: `booking_confirmed:${bookingId}` }))
    .run();
});

/** Every page of the console, by route file, with a concrete URL. */
const PAGES: Record<string, () => string> = {
  "routes/admin": () => "/admin",
  "routes/admin._index": () => "/admin",
  "routes/admin.movies._index": () => "/admin/movies",
  "routes/admin.movies.new": () => "/admin/movies/new",
  "routes/admin.movies.$movieId": () => "/admin/movies/mov-orbit-zero",
  "routes/admin.cinemas._index": () => "/admin/cinemas",
  "routes/admin.cinemas.$cinemaId": () => "/admin/cinemas/cin-mum-regal",
  "routes/admin.screens.$screenId": () => "/admin/screens/scr-mum-regal-1",
  "routes/admin.showtimes._index": () => "/admin/showtimes",
  "routes/admin.showtimes.new": () => "/admin/showtimes/new?screen=scr-mum-regal-1",
  "routes/admin.showtimes.$showtimeId": () => `/admin/showtimes/${showtimeId}`,
  "routes/admin.queues.$showtimeId": () => `/admin/queues/${showtimeId}`,
  "routes/admin.live": () => "/admin/live",
  "routes/admin.sales": () => "/admin/sales",
  "routes/admin.sales.export": () => "/admin/sales/export",
  "routes/admin.bookings._index": () => "/admin/bookings?q=demo%40marquee.test",
  "routes/admin.bookings.$bookingId": () => `/admin/bookings/${bookingId}`,
  "routes/admin.emails": () => "/admin/emails",
  "routes/admin.check-in": () => "/admin/check-in",
  "routes/admin.dashboard": () => "/admin/dashboard",
  "routes/admin.dashboard.export": () => "/admin/dashboard/export?part=days",
  "routes/admin.staff": () => "/admin/staff",
  "routes/admin.options": () => "/admin/options",
};

/** Every state-changing action, with fields that would succeed for an admin. */
const ACTIONS: { route: string; path: () => string; fields: () => Record<string, string> }[] = [
  { route: "routes/admin.movies.new", path: () => "/admin/movies/new", fields: () => ({ title: "Hacked", synopsis: "x", runtimeMinutes: "90", certificate: "U", languages: "Hindi", genres: "Drama", releaseDate: "2026-11-01", posterHue: "1" }) },
  { route: "routes/admin.movies.$movieId", path: () => "/admin/movies/mov-orbit-zero", fields: () => ({ intent: "archive" }) },
  { route: "routes/admin.movies.$movieId", path: () => "/admin/movies/mov-orbit-zero", fields: () => ({ intent: "save", title: "Hacked", synopsis: "x", runtimeMinutes: "90", certificate: "U", languages: "Hindi", genres: "Drama", releaseDate: "2026-11-01", posterHue: "1" }) },
  { route: "routes/admin.cinemas._index", path: () => "/admin/cinemas", fields: () => ({ intent: "cinema", name: "Hacked", address: "x", cityId: "city-mumbai", timeZone: "Asia/Kolkata" }) },
  { route: "routes/admin.cinemas._index", path: () => "/admin/cinemas", fields: () => ({ intent: "city", name: "Hacked", state: "x" }) },
  { route: "routes/admin.cinemas.$cinemaId", path: () => "/admin/cinemas/cin-mum-regal", fields: () => ({ name: "Hacked", rows: "2", columns: "2" }) },
  { route: "routes/admin.cinemas.$cinemaId", path: () => "/admin/cinemas/cin-mum-regal", fields: () => ({ intent: "update", name: "Hacked", address: "x", timeZone: "UTC" }) },
  { route: "routes/admin.screens.$screenId", path: () => "/admin/screens/scr-mum-regal-1", fields: () => ({ intent: "save", name: "Hacked", categoriesText: "CLASSIC Classic", rowsText: "A CLASSIC ss" }) },
  { route: "routes/admin.screens.$screenId", path: () => "/admin/screens/scr-mum-regal-1", fields: () => ({ intent: "rename", name: "Hacked" }) },
  { route: "routes/admin.showtimes.new", path: () => "/admin/showtimes/new?screen=scr-mum-regal-2", fields: () => ({ movieId: "mov-orbit-zero", date: "2030-01-01", time: "03:00", format: "2D", language: "English", "price.CLASSIC": "1", "price.PRIME": "1" }) },
  { route: "routes/admin.showtimes.$showtimeId", path: () => `/admin/showtimes/${showtimeId}`, fields: () => ({ intent: "block", seats: "A1" }) },
  { route: "routes/admin.queues.$showtimeId", path: () => `/admin/queues/${showtimeId}`, fields: () => ({ intent: "pause" }) },
  { route: "routes/admin.live", path: () => "/admin/live", fields: () => ({ paymentFailurePercent: "5", paymentMinAttempts: "3", webhookLagP95Seconds: "5", admitOverSellRatio: "2", onCallEmails: "x@example.com", webhookUrl: "" }) },
  { route: "routes/admin.showtimes.$showtimeId", path: () => `/admin/showtimes/${showtimeId}`, fields: () => ({ intent: "unblock", seats: "A1" }) },
  { route: "routes/admin.showtimes.$showtimeId", path: () => `/admin/showtimes/${showtimeId}`, fields: () => ({ intent: "cancel", confirm: "yes" }) },
  { route: "routes/admin.bookings.$bookingId", path: () => `/admin/bookings/${bookingId}`, fields: () => ({ intent: "refund", note: "because" }) },
  { route: "routes/admin.bookings.$bookingId", path: () => `/admin/bookings/${bookingId}`, fields: () => ({ intent: "resend" }) },
  { route: "routes/admin.emails", path: () => "/admin/emails", fields: () => ({ id: "dl-auth-1" }) },
  { route: "routes/admin.check-in", path: () => "/admin/check-in", fields: () => ({ token: "MQ1.x.y", cinemaId: "cin-mum-regal" }) },
  { route: "routes/admin.staff", path: () => "/admin/staff", fields: () => ({ email: "demo@marquee.test", role: "admin" }) },
  { route: "routes/admin.options", path: () => "/admin/options", fields: () => ({ intent: "add", kind: "language", value: "Hacked" }) },
];

const adminRoutes = Object.entries(shippedRoutes).filter(([id]) => id === "routes/admin" || id.startsWith("routes/admin."));

describe("operator console authorisation", () => {
  it("the tables below cover every admin route and every admin action", () => {
    expect(adminRoutes.length).toBeGreaterThan(10);
    for (const [id, route] of adminRoutes) {
      expect(PAGES, `page ${id} missing from the table`).toHaveProperty([id]);
      if (route.hasAction) expect(ACTIONS.some((a) => a.route === id), `action of ${id} missing from the table`).toBe(true);
    }
  });

  it.each(Object.entries(PAGES))("a customer gets 403 on %s", async (_id, path) => {
    const { browser } = await loggedIn("customer");
    const res = await browser.get(path());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This page is for Marquee operators.");
  });

  it.each(Object.entries(PAGES))("an anonymous visitor is sent to log in from %s", async (_id, path) => {
    const res = await new TestBrowser().get(path());
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: path() })}`);
  });

  it.each(ACTIONS.map((a) => [`${a.route} ${a.fields().intent ?? ""}`, a] as const))("a customer gets 403 posting %s, and nothing changes", async (_name, a) => {
    const { browser, csrf } = await loggedIn("customer");
    const res = await browser.submit(a.path(), a.fields(), { csrf });
    expect(res.status).toBe(403);
    const anon = new TestBrowser();
    const anonCsrf = csrfTokenFrom(await (await anon.get("/login")).text());
    const anonRes = await anon.submit(a.path(), a.fields(), { csrf: anonCsrf });
    expect(anonRes.status).toBe(302);
    expect(anonRes.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("after all those attempts nothing was written: no audit rows, the showtime and booking are untouched", async () => {
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
    expect(audit?.n).toBe(0);
    expect(await env.DB.prepare("SELECT status FROM showtimes WHERE id = ?").bind(showtimeId).first("status")).toBe("SCHEDULED");
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(bookingId).first("status")).toBe("CONFIRMED");
    expect(await env.DB.prepare("SELECT status FROM movies WHERE id = 'mov-orbit-zero'").first("status")).toBe("ACTIVE");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM movies WHERE title = 'Hacked'").first("n")).toBe(0);
    expect(await env.DB.prepare("SELECT name FROM cinemas WHERE id = 'cin-mum-regal'").first("name")).toBe("Regal Colaba");
    expect(await env.DB.prepare("SELECT resent_at FROM email_dead_letters WHERE id = 'dl-auth-1'").first("resent_at")).toBeNull();
  });

  it("an admin can open every page", async () => {
    const { browser } = await loggedIn("admin");
    for (const path of Object.values(PAGES)) {
      const res = await browser.get(path());
      expect(res.status, path()).toBe(200);
    }
  });

  it("an admin's form without the CSRF token is refused with 403", async () => {
    const { browser } = await loggedIn("admin");
    const res = await browser.submit("/admin/movies/mov-orbit-zero", { intent: "archive" }, { csrf: "forged" });
    expect(res.status).toBe(403);
    expect(await env.DB.prepare("SELECT status FROM movies WHERE id = 'mov-orbit-zero'").first("status")).toBe("ACTIVE");
  });
});
