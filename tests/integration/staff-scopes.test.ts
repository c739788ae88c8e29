import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { localDateKey } from "#app/domain/time";
import { loggedIn, paidBooking, post } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

/**
 * Every operator route, as each role: the demo cinema manager runs the two Bengaluru cinemas (Lido,
 * Orion); the door account stands at Lido. "own" objects are at Lido, "other" ones in Mumbai (Regal).
 * The list of routes is checked against app/routes, so a new admin route cannot be left out.
 */

type Who = { browser: TestBrowser; csrf: string };
let admin: Who;
let manager: Who;
let door: Who;
let customer: Who;
vi.spyOn(env.EMAIL_QUEUE, "send").mockResolvedValue(undefined as never);

const ids = { ownShow: "", otherShow: "", ownBooking: "", otherBooking: "", day: "", otherDay: "" };
const OWN_CINEMA = "cin-blr-lido";
const OTHER_CINEMA = "cin-mum-regal";
const OWN_SCREEN = "scr-blr-lido-1";
const OTHER_SCREEN = "scr-mum-regal-1";
const MOVIE = "mov-paper-kites";

beforeAll(async () => {
  await seedDemoData();
  [admin, manager, door, customer] = await Promise.all([loggedIn("admin"), loggedIn("manager"), loggedIn("door"), loggedIn("customer")]);
  ids.ownShow = await createShowtime({ screenId: OWN_SCREEN, startsInMs: 26 * 3600_000 });
  ids.otherShow = await createShowtime({ screenId: OTHER_SCREEN, startsInMs: 26 * 3600_000 });
  ids.ownBooking = (await paidBooking(ids.ownShow, ["C1"])).id;
  ids.otherBooking = (await paidBooking(ids.otherShow, ["C1"])).id;
  const startsAt = (await env.DB.prepare("SELECT starts_at FROM showtimes WHERE id = ?").bind(ids.ownShow).first<number>("starts_at"))!;
  ids.day = localDateKey(startsAt, "Asia/Kolkata");
});

/** What each role gets: a status, or a redirect target. */
type Expect = number | `→${string}`;
type Case = { path: () => string; method?: "GET" | "POST"; fields?: () => Record<string, string>; admin?: Expect; manager: Expect; door: Expect };

const ROUTES: Record<string, Case[]> = {
  "admin.tsx": [], // the layout: its loader runs with every page below
  "admin._index.tsx": [{ path: () => "/admin", admin: 200, manager: 200, door: "→/admin/check-in" }],
  "admin.showtimes._index.tsx": [
    { path: () => `/admin/showtimes?date=${ids.day}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/showtimes?date=${ids.day}&cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
  ],
  "admin.showtimes.new.tsx": [
    { path: () => `/admin/showtimes/new?screen=${OWN_SCREEN}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/showtimes/new?screen=${OTHER_SCREEN}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/showtimes/new?screen=${OTHER_SCREEN}`, method: "POST", fields: () => ({ movieId: MOVIE, date: ids.day, time: "23:59", format: "2D", language: "Hindi" }), manager: 404, door: 403 },
  ],
  "admin.showtimes.$showtimeId.tsx": [
    { path: () => `/admin/showtimes/${ids.ownShow}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/showtimes/${ids.otherShow}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/showtimes/${ids.otherShow}`, method: "POST", fields: () => ({ intent: "block", seats: "A1" }), manager: 404, door: 403 },
    { path: () => `/admin/showtimes/${ids.ownShow}`, method: "POST", fields: () => ({ intent: "block", seats: "A2" }), manager: 302, door: 403 },
  ],
  "admin.queues.$showtimeId.tsx": [
    { path: () => `/admin/queues/${ids.ownShow}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/queues/${ids.otherShow}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/queues/${ids.otherShow}`, method: "POST", fields: () => ({ intent: "pause" }), manager: 404, door: 403 },
  ],
  "admin.live.tsx": [
    { path: () => "/admin/live", admin: 200, manager: 200, door: 403 },
    { path: () => "/admin/live", method: "POST", fields: () => ({ onCallEmails: "x@example.com" }), manager: 403, door: 403 },
  ],
  "admin.movies._index.tsx": [{ path: () => "/admin/movies", admin: 200, manager: 403, door: 403 }],
  "admin.movies.new.tsx": [
    { path: () => "/admin/movies/new", admin: 200, manager: 403, door: 403 },
    { path: () => "/admin/movies/new", method: "POST", fields: () => ({ title: "X" }), manager: 403, door: 403 },
  ],
  "admin.movies.$movieId.tsx": [
    { path: () => `/admin/movies/${MOVIE}`, admin: 200, manager: 403, door: 403 },
    { path: () => `/admin/movies/${MOVIE}`, method: "POST", fields: () => ({ intent: "archive" }), manager: 403, door: 403 },
  ],
  "admin.cinemas._index.tsx": [
    { path: () => "/admin/cinemas", admin: 200, manager: 200, door: 403 },
    { path: () => "/admin/cinemas", method: "POST", fields: () => ({ intent: "city", name: "Pune", state: "Maharashtra" }), manager: 403, door: 403 },
  ],
  "admin.cinemas.$cinemaId.tsx": [
    { path: () => `/admin/cinemas/${OWN_CINEMA}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/cinemas/${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/cinemas/${OTHER_CINEMA}`, method: "POST", fields: () => ({ name: "Sneaky", rows: "2", columns: "2" }), manager: 404, door: 403 },
    { path: () => `/admin/cinemas/${OWN_CINEMA}`, method: "POST", fields: () => ({ intent: "update", name: "Renamed", address: "x", timeZone: "Asia/Kolkata" }), manager: 403, door: 403 },
  ],
  "admin.screens.$screenId.tsx": [
    { path: () => `/admin/screens/${OWN_SCREEN}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/screens/${OTHER_SCREEN}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/screens/${OTHER_SCREEN}`, method: "POST", fields: () => ({ intent: "rename", name: "Mine now" }), manager: 404, door: 403 },
  ],
  "admin.sales.tsx": [
    { path: () => `/admin/sales?date=${ids.day}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/sales?date=${ids.day}&cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
  ],
  "admin.sales.export.ts": [
    { path: () => `/admin/sales/export?date=${ids.day}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/sales/export?date=${ids.day}&cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
  ],
  "admin.bookings._index.tsx": [{ path: () => `/admin/bookings?q=${ids.otherBooking}`, admin: 200, manager: 200, door: 403 }],
  "admin.bookings.$bookingId.tsx": [
    { path: () => `/admin/bookings/${ids.ownBooking}`, admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/bookings/${ids.otherBooking}`, admin: 200, manager: 404, door: 403 },
    { path: () => `/admin/bookings/${ids.otherBooking}`, method: "POST", fields: () => ({ intent: "refund", note: "not mine to refund" }), manager: 404, door: 403 },
    { path: () => `/admin/bookings/${ids.ownBooking}`, method: "POST", fields: () => ({ intent: "resend" }), manager: 302, door: 403 },
  ],
  "admin.emails.tsx": [
    { path: () => "/admin/emails", admin: 200, manager: 403, door: 403 },
    { path: () => "/admin/emails", method: "POST", fields: () => ({ id: "dl-x" }), manager: 403, door: 403 },
  ],
  "admin.staff.tsx": [
    { path: () => "/admin/staff", admin: 200, manager: 403, door: 403 },
    { path: () => "/admin/staff", method: "POST", fields: () => ({ email: "door@marquee.test", role: "admin" }), manager: 403, door: 403 },
  ],
  "admin.dashboard.tsx": [
    { path: () => "/admin/dashboard", admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/dashboard?cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
    { path: () => "/admin/dashboard?range=custom&from=2026-12-09&to=2026-12-01", admin: 400, manager: 400, door: 403 },
  ],
  "admin.dashboard.export.ts": [
    { path: () => "/admin/dashboard/export?part=days", admin: 200, manager: 200, door: 403 },
    { path: () => `/admin/dashboard/export?part=movies&cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 403 },
    { path: () => "/admin/dashboard/export?part=nope", admin: 400, manager: 400, door: 403 },
  ],
  "admin.options.tsx": [
    { path: () => "/admin/options", admin: 200, manager: 403, door: 403 },
    { path: () => "/admin/options", method: "POST", fields: () => ({ intent: "add", kind: "language", value: "Klingon" }), manager: 403, door: 403 },
  ],
  "admin.check-in.tsx": [
    { path: () => "/admin/check-in", admin: 200, manager: 200, door: 200 },
    { path: () => `/admin/check-in?cinema=${OTHER_CINEMA}`, admin: 200, manager: 404, door: 404 },
    { path: () => "/admin/check-in", method: "POST", fields: () => ({ cinemaId: OTHER_CINEMA, token: "MQ1.x.y" }), manager: 404, door: 404 },
  ],
};

async function run(who: Who, c: Case) {
  if (c.method === "POST") return post(who.browser, c.path(), who.csrf, c.fields?.() ?? {});
  return who.browser.get(c.path());
}

function matches(res: Response, expected: Expect) {
  if (typeof expected === "number") return res.status === expected;
  return res.status === 302 && res.headers.get("Location") === expected.slice(1);
}

describe("role scopes on every operator route", () => {
  it("covers every admin route file", () => {
    const files = Object.keys(import.meta.glob("../../app/routes/admin*.{ts,tsx}")).map((f) => f.split("/").pop());
    expect(files.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const [file, cases] of Object.entries(ROUTES)) {
    for (const c of cases) {
      it(`${file}: ${c.method ?? "GET"} ${c.path.toString().replace(/^\(\) => /, "")}`, async () => {
        const results: Record<string, string> = {};
        const wanted: Record<string, string> = {};
        for (const [role, expected] of [["manager", c.manager], ["door", c.door], ["admin", c.admin]] as const) {
          if (expected === undefined) continue;
          const who = role === "manager" ? manager : role === "door" ? door : admin;
          const res = await run(who, c);
          results[role] = `${res.status}${res.headers.get("Location") ? ` ${res.headers.get("Location")}` : ""}`;
          wanted[role] = matches(res, expected) ? results[role]! : String(expected);
          const body = await res.text();
          // A refusal says why and never shows a stack trace.
          if (res.status >= 400) expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
        }
        expect(results).toEqual(wanted);
      });
    }
  }

  it("a customer gets 403 on the console and anonymous visitors are sent to log in", async () => {
    expect((await customer.browser.get("/admin/check-in")).status).toBe(403);
    expect((await customer.browser.get("/admin")).status).toBe(403);
  });
});

describe("what a cinema manager sees is only their cinemas", () => {
  it("lists only their cinemas, sales, showtimes and bookings", async () => {
    const cinemasPage = await (await manager.browser.get("/admin/cinemas")).text();
    expect(cinemasPage).toContain("Lido MG Road");
    expect(cinemasPage).toContain("Orion Rajajinagar");
    expect(cinemasPage).not.toContain("Regal Colaba");
    // Adding cinemas and cities is an admin's job: a manager is not shown forms that would end in a 403.
    expect(cinemasPage).not.toContain("Add a cinema");
    expect(cinemasPage).not.toContain("Add a city");
    expect(await (await admin.browser.get("/admin/cinemas")).text()).toContain("Add a cinema");
    const sales = await (await manager.browser.get(`/admin/sales?date=${ids.day}`)).text();
    expect(sales).toContain("Lido MG Road");
    expect(sales).not.toContain("Regal Colaba");
    const csv = await (await manager.browser.get(`/admin/sales/export?date=${ids.day}`)).text();
    expect(csv).toContain("Lido MG Road");
    expect(csv).not.toContain("Regal Colaba");
    const shows = await (await manager.browser.get(`/admin/showtimes?date=${ids.day}`)).text();
    expect(shows).toContain(ids.ownShow);
    expect(shows).not.toContain(ids.otherShow);
    const found = await (await manager.browser.get(`/admin/bookings?q=${ids.otherBooking}`)).text();
    expect(found).not.toContain(`/admin/bookings/${ids.otherBooking}`);
    expect(await (await manager.browser.get(`/admin/bookings?q=${ids.ownBooking}`)).text()).toContain(`/admin/bookings/${ids.ownBooking}`);
    // The other cinema's objects were not changed by the refused actions above.
    expect(await env.DB.prepare("SELECT name FROM screens WHERE id = ?").bind(OTHER_SCREEN).first("name")).toBe("Screen 1");
    expect(await env.DB.prepare("SELECT status FROM bookings WHERE id = ?").bind(ids.otherBooking).first("status")).toBe("CONFIRMED");
  });

  it("the dashboard and its CSVs count only their cinemas (both bases labelled)", async () => {
    const range = `range=custom&from=${ids.day}&to=${ids.day}&basis=show`;
    const mine = await (await manager.browser.get(`/admin/dashboard?${range}`)).text();
    expect(mine).toContain("Your cinemas: Lido MG Road, Orion Rajajinagar");
    expect(mine).toContain("Top cinemas — by show date");
    expect(mine).toContain("Occupancy per day — by show date");
    expect(mine).toMatch(/<svg[^>]*role="img"/);
    expect(mine).not.toContain("Regal Colaba");
    const everything = await (await admin.browser.get(`/admin/dashboard?${range}`)).text();
    expect(everything).toContain("Regal Colaba");
    const csv = await (await manager.browser.get(`/admin/dashboard/export?part=cinemas&${range}`)).text();
    expect(csv.split("\r\n")[0]).toBe("cinema,seats_sold_by_show_date,gross_inr_by_show_date,refunds_inr_by_show_date,net_inr_by_show_date");
    expect(csv).toContain("Lido MG Road,1,");
    expect(csv).not.toContain("Regal");
    const bySale = await (await manager.browser.get(`/admin/dashboard?range=custom&from=${ids.day}&to=${ids.day}&basis=sale`)).text();
    expect(bySale).toContain("Revenue per day — by sale date");
  });

  it("the navigation offers each role only its sections", async () => {
    const managerNav = await (await manager.browser.get("/admin")).text();
    expect(managerNav).toContain('href="/admin/sales"');
    expect(managerNav).not.toContain('href="/admin/movies"');
    const doorNav = await (await door.browser.get("/admin/check-in")).text();
    expect(doorNav).toContain('href="/admin/check-in"');
    expect(doorNav).not.toContain('href="/admin/sales"');
  });
});

describe("an admin assigns roles and cinemas", () => {
  it("makes an account door staff at one cinema (audited); it can then check in there and nowhere else", async () => {
    const signup = await customer.browser.get("/admin/staff");
    expect(signup.status).toBe(403);
    const res = await post(admin.browser, "/admin/staff", admin.csrf, { email: "demo@marquee.test", role: "door", cinemaId: OTHER_CINEMA });
    expect(res.status).toBe(302);
    expect(await env.DB.prepare("SELECT role FROM users WHERE email = 'demo@marquee.test'").first("role")).toBe("door");
    const entry = await env.DB.prepare("SELECT actor_user_id, details FROM audit_log WHERE action = 'staff.assign' AND target = 'usr-demo-customer'").first<{ actor_user_id: string; details: string }>();
    expect(entry?.actor_user_id).toBe("usr-demo-admin");
    expect(JSON.parse(entry!.details)).toMatchObject({ from: "customer", role: "door", cinemaIds: [OTHER_CINEMA] });
    expect((await customer.browser.get(`/admin/check-in?cinema=${OTHER_CINEMA}`)).status).toBe(200);
    expect((await customer.browser.get(`/admin/check-in?cinema=${OWN_CINEMA}`)).status).toBe(404);
    expect((await customer.browser.get("/admin/sales")).status).toBe(403);

    expect((await post(admin.browser, "/admin/staff", admin.csrf, { email: "demo@marquee.test", role: "cinema_manager" })).status).toBe(400);
    expect((await post(admin.browser, "/admin/staff", admin.csrf, { email: "nobody@marquee.test", role: "door", cinemaId: OWN_CINEMA })).status).toBe(404);
    expect((await post(admin.browser, "/admin/staff", admin.csrf, { email: "admin@marquee.test", role: "door", cinemaId: OWN_CINEMA })).status).toBe(409);
    expect((await post(admin.browser, "/admin/staff", admin.csrf, { email: "demo@marquee.test", role: "customer" })).status).toBe(302);
    expect((await customer.browser.get(`/admin/check-in?cinema=${OTHER_CINEMA}`)).status).toBe(403);
  });
});

describe("where staff land after logging in", () => {
  it("a cinema manager and door staff go to the console (the door to check-in), a customer to their account", async () => {
    const cases = [
      ["manager@marquee.test", "manager-password", "/admin"],
      ["door@marquee.test", "door-password", "/admin"],
      ["admin@marquee.test", "admin-password", "/admin"],
      ["demo@marquee.test", "demo-password", "/account"],
    ] as const;
    for (const [email, password, home] of cases) {
      const browser = new TestBrowser();
      const res = await browser.submit("/login", { email, password });
      expect(res.headers.get("Location"), email).toBe(home);
    }
    const door = new TestBrowser();
    await door.submit("/login", { email: "door@marquee.test", password: "door-password" });
    expect((await door.get("/admin")).headers.get("Location")).toBe("/admin/check-in");
  });
});
