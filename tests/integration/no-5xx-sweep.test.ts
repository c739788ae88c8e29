import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import shippedRoutes from "virtual:marquee/shipped-routes";
import type { TestBrowser } from "#tests/helpers/browser";
import { bookedShowtimeWithAccounts } from "#tests/helpers/fixtures";

const ORIGIN = "http://localhost";
let showtimeId = "";
let bookingId = "";
let admin: TestBrowser;
let customer: TestBrowser;

beforeAll(async () => {
  const fixture = await bookedShowtimeWithAccounts();
  showtimeId = fixture.showtimeId;
  bookingId = fixture.bookingId;
  admin = fixture.admin;
  customer = fixture.customer;
});

/** Concrete URLs for every route (real ids and unknown ones); a route missing here fails the sweep. */
const URLS: Record<string, () => string[]> = {
  root: () => ["/"],
  "routes/$": () => ["/no/such/page", "/%ZZ", "/a%00b"],
  "routes/_index": () => ["/?city=mumbai&date=2026-02-30", "/?city=%00"],
  "routes/account": () => ["/account"],
  "routes/admin": () => ["/admin"],
  "routes/admin._index": () => ["/admin"],
  "routes/admin.bookings.$bookingId": () => [`/admin/bookings/${bookingId}`, "/admin/bookings/bk-nope"],
  "routes/admin.bookings._index": () => ["/admin/bookings?q=%25%25%25", `/admin/bookings?q=${"x".repeat(300)}`],
  "routes/admin.check-in": () => ["/admin/check-in"],
  "routes/admin.cinemas.$cinemaId": () => ["/admin/cinemas/cin-mum-regal", "/admin/cinemas/cin-nope"],
  "routes/admin.cinemas._index": () => ["/admin/cinemas"],
  "routes/admin.emails": () => ["/admin/emails"],
  "routes/admin.movies.$movieId": () => ["/admin/movies/mov-monsoon-express", "/admin/movies/mov-nope"],
  "routes/admin.movies._index": () => ["/admin/movies"],
  "routes/admin.movies.new": () => ["/admin/movies/new"],
  "routes/admin.sales.export": () => ["/admin/sales/export?date=2026-02-30", "/admin/sales/export?date=x&cinema=%00"],
  "routes/admin.sales": () => ["/admin/sales?date=2026-02-31", "/admin/sales?cinema=../../x"],
  "routes/admin.screens.$screenId": () => ["/admin/screens/scr-mum-regal-1", "/admin/screens/scr-nope"],
  "routes/admin.showtimes.$showtimeId": () => [`/admin/showtimes/${showtimeId}`, "/admin/showtimes/st-nope"],
  "routes/admin.showtimes._index": () => ["/admin/showtimes?date=2026-02-30"],
  "routes/admin.showtimes.new": () => ["/admin/showtimes/new?screen=scr-mum-regal-1", "/admin/showtimes/new?screen=scr-nope", "/admin/showtimes/new?screen=%00"],
  "routes/api.razorpay.webhook": () => ["/api/razorpay/webhook"],
  "routes/api.showtimes.$showtimeId.holds.$holdId": () => [`/api/showtimes/${showtimeId}/holds/h-nope`, "/api/showtimes/st-nope/holds/h-nope"],
  "routes/api.showtimes.$showtimeId.holds": () => [`/api/showtimes/${showtimeId}/holds`, "/api/showtimes/st-nope/holds"],
  "routes/api.showtimes.$showtimeId.seats": () => [`/api/showtimes/${showtimeId}/seats`, "/api/showtimes/st-nope/seats", "/api/showtimes/bad%20id!/seats"],
  "routes/bookings.$bookingId": () => [`/bookings/${bookingId}`, "/bookings/bk-nope"],
  "routes/bookings.$bookingId_.pay": () => [`/bookings/${bookingId}/pay`, "/bookings/bk-nope/pay"],
  "routes/bookings.$bookingId_.ticket[.]svg": () => [`/bookings/${bookingId}/ticket.svg`, "/bookings/bk-nope/ticket.svg"],
  "routes/cinemas.$slug": () => ["/cinemas/regal-colaba?date=2026-02-30", "/cinemas/no-such-cinema", "/cinemas/NOT_A_SLUG"],
  "routes/dev.mailbox.$emailId": () => ["/dev/mailbox/em-nope"],
  "routes/dev.mailbox.$emailId_.html": () => ["/dev/mailbox/em-nope/html"],
  "routes/dev.mailbox._index": () => ["/dev/mailbox"],
  "routes/dev.mailbox.api.emails": () => ["/dev/mailbox/api/emails"],
  "routes/dev.mailbox.api.emails_.batch": () => ["/dev/mailbox/api/emails/batch"],
  "routes/dev.mailbox.preview.$type": () => ["/dev/mailbox/preview/booking_confirmed", "/dev/mailbox/preview/nope"],
  "routes/dev.razorpay-sandbox.checkout[.]js": () => ["/dev/razorpay-sandbox/checkout.js"],
  "routes/dev.razorpay-sandbox.pay": () => ["/dev/razorpay-sandbox/pay"],
  "routes/language": () => ["/language"],
  "routes/login": () => ["/login?redirectTo=%2F.%2F%2Fevil.example"],
  "routes/logout": () => ["/logout"],
  "routes/theme": () => ["/theme"],
  "routes/movies.$slug": () => ["/movies/monsoon-express?date=2026-02-30", "/movies/monsoon-express?date=2026-11-25&city=%00", "/movies/nope"],
  "routes/posters.$slug": () => ["/posters/monsoon-express", "/posters/nope"],
  "routes/showtimes.$showtimeId": () => [`/showtimes/${showtimeId}`, "/showtimes/st-nope"],
  "routes/showtimes.$showtimeId_.pay": () => [`/showtimes/${showtimeId}/pay`, "/showtimes/st-nope/pay"],
  "routes/showtimes.$showtimeId_.summary": () => [`/showtimes/${showtimeId}/summary`, "/showtimes/st-nope/summary"],
  "routes/signup": () => ["/signup"],
  "routes/forgot-password": () => ["/forgot-password"],
  "routes/reset-password": () => ["/reset-password?token=nope", "/reset-password"],
  "routes/sign-in-link": () => ["/sign-in-link", "/sign-in-link?token=nope", "/sign-in-link?token=%00"],
  "routes/verify-email": () => ["/verify-email?email=a%40b.example", "/verify-email?email=%00"],
  "routes/bookings.$bookingId_.ticket-image[.]svg": () => [`/bookings/${bookingId}/ticket-image.svg`, "/bookings/bk-nope/ticket-image.svg"],
  "routes/bookings.$bookingId_.calendar[.]ics": () => [`/bookings/${bookingId}/calendar.ics`, "/bookings/bk-nope/calendar.ics"],
  "routes/t.$token": () => ["/t/nope", "/t/%00", `/t/${"x".repeat(600)}`],
  "routes/t.$token_.qr[.]svg": () => ["/t/nope/qr.svg"],
  "routes/queue.$showtimeId": () => [`/queue/${showtimeId}`, "/queue/st-nope"],
  "routes/api.queue.$showtimeId": () => [`/api/queue/${showtimeId}`, "/api/queue/st-nope"],
  "routes/admin.queues.$showtimeId": () => [`/admin/queues/${showtimeId}`, "/admin/queues/st-nope"],
  "routes/admin.live": () => ["/admin/live"],
  "routes/admin.dashboard": () => ["/admin/dashboard?range=custom&from=2026-02-30&to=2026-01-01", "/admin/dashboard?range=%00"],
  "routes/admin.dashboard.export": () => ["/admin/dashboard/export?part=nope", "/admin/dashboard/export?part=revenue&from=x"],
  "routes/admin.options": () => ["/admin/options"],
  "routes/admin.staff": () => ["/admin/staff"],
  "routes/search": () => ["/search?q=%22%2A%28", `/search?q=${"a".repeat(500)}`, "/search?q=%00"],
  "routes/api.search": () => ["/api/search?q=NEAR%28", `/api/search?q=${"b".repeat(500)}`],
  "routes/about": () => ["/about"],
  "routes/contact": () => ["/contact"],
  "routes/terms": () => ["/terms"],
  "routes/privacy": () => ["/privacy"],
  "routes/refund-policy": () => ["/refund-policy"],
};

const BROKEN_MULTIPART = '--zzz\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end';

/** Bodies and headers a client might send to any route, none of which it is entitled to a 500 for. */
const VARIANTS: { label: string; init: () => RequestInit }[] = [
  { label: "GET", init: () => ({}) },
  { label: "GET, Origin null", init: () => ({ headers: { Origin: "null" } }) },
  { label: "GET, odd Accept and Range", init: () => ({ headers: { Accept: "*/*;q=garbage", Range: "bytes=9-1", "Accept-Language": "*;q=;;,en-;q=9" } }) },
  { label: "HEAD", init: () => ({ method: "HEAD" }) },
  { label: "OPTIONS", init: () => ({ method: "OPTIONS" }) },
  { label: "OPTIONS, foreign Origin", init: () => ({ method: "OPTIONS", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } }) },
  { label: "POST form, foreign Origin", init: () => ({ method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" } }) },
  { label: "POST JSON", init: () => ({ method: "POST", body: JSON.stringify({ seatIds: ["A1"], email: "x" }), headers: { "Content-Type": "application/json" } }) },
  { label: "POST broken JSON", init: () => ({ method: "POST", body: "{not json", headers: { "Content-Type": "application/json" } }) },
  { label: "POST text", init: () => ({ method: "POST", body: "hello", headers: { "Content-Type": "text/plain" } }) },
  { label: "POST no content type", init: () => ({ method: "POST", body: "a=b" }) },
  { label: "POST broken multipart", init: () => ({ method: "POST", body: BROKEN_MULTIPART, headers: { "Content-Type": "multipart/form-data; boundary=zzz" } }) },
  { label: "POST multipart, no boundary", init: () => ({ method: "POST", body: "x", headers: { "Content-Type": "multipart/form-data" } }) },
  { label: "POST oversized form", init: () => ({ method: "POST", body: `a=${"x".repeat(300_000)}`, headers: { "Content-Type": "application/x-www-form-urlencoded" } }) },
  { label: "POST malformed form", init: () => ({ method: "POST", body: "%%%&=&csrf=%ZZ&seat=%00", headers: { "Content-Type": "application/x-www-form-urlencoded; charset=bogus" } }) },
  { label: "POST form, Origin null", init: () => ({ method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" } }) },
  { label: "POST form, garbage Origin", init: () => ({ method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "::::" } }) },
  { label: "POST form, mismatched X-Forwarded-Host", init: () => ({ method: "POST", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Host": "127.0.0.1:1" } }) },
  { label: "PUT form", init: () => ({ method: "PUT", body: "a=b", headers: { "Content-Type": "application/x-www-form-urlencoded" } }) },
  { label: "DELETE", init: () => ({ method: "DELETE" }) },
  { label: "PATCH JSON", init: () => ({ method: "PATCH", body: "{}", headers: { "Content-Type": "application/json" } }) },
];

async function sweep(who: string, send: (path: string, init: RequestInit) => Promise<Response>, urls: string[]) {
  const failures: string[] = [];
  for (const url of urls) {
    const paths = [url, url.includes("?") ? url.replace("?", ".data?") : `${url === "/" ? "/_root" : url}.data`];
    await Promise.all(
      paths.flatMap((path) =>
        VARIANTS.map(async ({ label, init }) => {
          const res = await send(path, init());
          const body = init().method === "HEAD" ? "" : await res.text();
          // The error page marks itself (its words are in every page's catalogue, so they can't tell).
          if (res.status >= 500 || /data-error-status="5\d\d"/.test(body)) failures.push(`${who} ${label} ${path} → ${res.status}`);
        }),
      ),
    );
  }
  return failures;
}

const anonymous = (path: string, init: RequestInit) => {
  const headers = new Headers(init.headers);
  if (!headers.has("Origin") && init.method && init.method !== "GET" && init.method !== "HEAD") headers.set("Origin", ORIGIN);
  headers.set("Cookie", "marquee_session=%ZZ.not-signed; marquee_csrf=; =;");
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }));
};

const signedIn = (browser: () => TestBrowser) => (path: string, init: RequestInit) => {
  const headers = new Headers(init.headers);
  if (!headers.has("Origin") && init.method && init.method !== "GET" && init.method !== "HEAD") headers.set("Origin", ORIGIN);
  return browser().fetch(path, { ...init, headers });
};

describe("no request a client can send gets a 5xx", () => {
  it("the sweep covers every route in the build", () => {
    const routeIds = Object.keys(shippedRoutes);
    expect(routeIds.filter((id) => !(id in URLS))).toEqual([]);
  });

  it.each(Object.keys(URLS))("%s: anonymous, customer and operator, every odd body and header", async (routeId) => {
    const urls = URLS[routeId]!();
    const failures = [
      ...(await sweep("anonymous", anonymous, urls)),
      ...(await sweep("customer", signedIn(() => customer), urls)),
      ...(await sweep("operator", signedIn(() => admin), urls)),
    ];
    expect(failures).toEqual([]);
  }, 60_000);

  it("leaves the data as it was: nothing the sweep sent was accepted", async () => {
    const count = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE id = ? AND status = 'CONFIRMED'").bind(bookingId).first<{ n: number }>();
    expect(count?.n).toBe(1);
    expect((await customer.get("/account")).status).toBe(200);
  });
});
