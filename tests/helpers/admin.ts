import { env } from "cloudflare:workers";
import { services, type Services } from "#app/utils/context.server";
import { TestBrowser, csrfTokenFrom } from "./browser";

/** A browser logged in as one of the demo accounts, with its CSRF token at hand. */
export async function loggedIn(who: "admin" | "customer"): Promise<{ browser: TestBrowser; csrf: string }> {
  // An address of its own each time: many logins from one address would meet the per-IP limits.
  const browser = new TestBrowser();
  const email = who === "admin" ? "admin@marquee.test" : "demo@marquee.test";
  const res = await browser.submit("/login", { email, password: `${who === "admin" ? "admin" : "demo"}-password` });
  if (res.status !== 302) throw new Error(`login as ${who} failed: ${res.status}`);
  const csrf = csrfTokenFrom(await (await browser.get("/account")).text());
  return { browser, csrf };
}

export function post(browser: TestBrowser, path: string, csrf: string, fields: Record<string, string>) {
  return browser.submit(path, fields, { csrf });
}

/** The same services a route gets, for calling server modules directly. */
export function testServices(now = Date.now()): Services {
  return services({ cloudflare: { env, ctx: { waitUntil: () => {} } } }, new Request("http://localhost/"), now);
}

let n = 0;
/** A paid booking as the payments flow would leave it, with real amounts and confirmed_at. */
export async function paidBooking(
  showtimeId: string,
  seatIds: string[],
  opts: { status?: string; pricePaise?: number; userId?: string; id?: string } = {},
) {
  const id = opts.id ?? `bk-test-${Date.now().toString(36)}-${++n}`;
  const price = opts.pricePaise ?? 18000;
  const seats = price * seatIds.length;
  const fee = 3000 * seatIds.length;
  const tax = Math.floor((fee * 1800 + 5000) / 10000);
  const status = opts.status ?? "CONFIRMED";
  await env.DB.prepare(
    `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, confirmed_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'INR', 0, ?, 0)`,
  )
    .bind(id, opts.userId ?? "usr-demo-customer", showtimeId, `hold-${id}`, status, seats, fee, tax, seats + fee + tax, status === "PENDING_PAYMENT" ? null : 1)
    .run();
  const seatStatus = status === "CONFIRMED" ? "CONFIRMED" : status === "PENDING_PAYMENT" ? "PENDING" : "RELEASED";
  await env.DB.batch(
    seatIds.map((seatId) =>
      env.DB.prepare("INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES (?, ?, ?, 'CLASSIC', ?, ?)").bind(id, showtimeId, seatId, price, seatStatus),
    ),
  );
  return { id, total: seats + fee + tax, fee: fee + tax };
}
