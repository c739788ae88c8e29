// Black-box adversarial run against a running Marquee (`npm start`): many fans race for the same
// seats, pay in the sandbox at the same time, replay their callbacks, forge webhooks and try to pay
// for someone else's booking; then the database is asked whether any promise was broken.
// Usage: E2E_BASE_URL=http://127.0.0.1:8787 node tests/adversarial/race.mjs
import { execFileSync } from "node:child_process";
import { request as httpRequest } from "node:http";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";
const USERS = Number(process.env.ADVERSARIAL_USERS ?? 24);
const HOLD_TTL_SECONDS = Number(process.env.E2E_HOLD_TTL_SECONDS ?? 600);
/** How late an alarm may sweep an expired hold before we call it a broken promise. */
const ALARM_TOLERANCE_MS = 5_000;
const stamp = Date.now().toString(36);

/**
 * fetch() over node:http from a loopback address of the fan's own (127.0.0.0/8 is all loopback), so
 * each fan is a different client address to the app's per-IP limits, as real fans would be.
 */
function fetchFrom(localAddress, url, { method = "GET", headers, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(String(body));
    const req = httpRequest(url, { method, localAddress, headers: { ...Object.fromEntries(headers), ...(payload ? { "Content-Length": payload.length } : {}) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const one of [v].flat()) if (one !== undefined) out.append(k, one);
        resolve(new globalThis.Response(res.statusCode === 204 || res.statusCode === 304 ? null : Buffer.concat(chunks), { status: res.statusCode, headers: out }));
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

let clients = 0;

class Client {
  cookies = new Map();
  constructor(name) {
    this.name = name;
    const n = ++clients;
    this.address = `127.0.${Math.floor(n / 250)}.${(n % 250) + 2}`;
  }
  async fetch(path, init = {}) {
    const headers = new Headers(init.headers);
    headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.method && init.method !== "GET") headers.set("Origin", BASE);
    const res = await fetchFrom(this.address, BASE + path, { method: init.method, headers, body: init.body });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  async page(path) {
    const res = await this.fetch(path);
    const html = await res.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { res, html };
  }
  async form(path, fields) {
    if (!this.csrf) await this.page("/");
    const body = new URLSearchParams({ csrf: this.csrf, ...fields });
    return this.fetch(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }
  json(path, method, body) {
    return this.fetch(path, { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
  }
}

function d1(sql) {
  const out = execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--json", "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out)[0].results;
}

const shuffle = (xs) => xs.map((x) => [Math.random(), x]).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

async function pickShowtime(client) {
  // The last day of the schedule: far from "already started", and least touched by other suites.
  const { html: home } = await client.page("/?city=mumbai");
  const movies = [...new Set([...home.matchAll(/href="(\/movies\/[^"?]+)/g)].map((m) => m[1]))];
  const candidates = [];
  for (const movie of movies) {
    const { html: first } = await client.page(`${movie}?city=mumbai`);
    const days = [...new Set([...first.matchAll(/date=(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1]))].reverse();
    for (const day of days) {
      const { html } = await client.page(`${movie}?city=mumbai&date=${day}`);
      const found = [...html.matchAll(/href="\/showtimes\/([^"/?]+)"/g)].map((m) => m[1]);
      candidates.push(...found);
      if (found.length) break;
    }
  }
  for (const id of shuffle([...new Set(candidates)])) {
    const { html } = await client.page(`/showtimes/${id}`);
    const seats = [...html.matchAll(/data-seat="([A-Z]+\d+)"[^>]*data-state="available"/g)].map((m) => m[1]);
    if (seats.length >= 40) return { showtimeId: id, seats };
  }
  throw new Error("no showtime with 40 free seats");
}

/** The 6-digit code the local mailbox received for `email` (newest first), polled for a while. */
async function mailedCode(c, email) {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const row = new RegExp(`${escaped}</td><td[^>]*><a[^>]*>(\\d{6}) is your Marquee code</a>`);
  for (let i = 0; i < 60; i++) {
    const { html } = await c.page("/dev/mailbox");
    const code = row.exec(html)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no verification code for ${email}`);
}

async function signUp(i) {
  const c = new Client(`fan-${i}`);
  await c.page("/signup");
  const email = `racer-${stamp}-${i}@example.com`;
  const res = await c.form("/signup", { name: `Racer ${i}`, email, password: "race-password-1" });
  if (res.status !== 302) throw new Error(`signup failed: ${res.status}`);
  const verify = await c.form(res.headers.get("Location"), { email, code: await mailedCode(c, email) });
  if (verify.status !== 302) throw new Error(`verification failed: ${verify.status}`);
  return c;
}

/** Hold → booking + order → the sandbox's signed checkout answer. */
async function holdAndOrder(c, showtimeId, seatIds) {
  const hold = await c.json(`/api/showtimes/${showtimeId}/holds`, "POST", { seatIds });
  if (hold.status !== 201) return { held: false, status: hold.status };
  const { holdId } = await hold.json();
  await c.page(`/showtimes/${showtimeId}/summary`);
  const pay = await c.form(`/showtimes/${showtimeId}/pay`, { holdId });
  const bookingId = /\/bookings\/([^/]+)\/pay/.exec(pay.headers.get("Location") ?? "")?.[1];
  if (!bookingId) throw new Error(`${c.name}: proceed to pay answered ${pay.status} ${pay.headers.get("Location")}`);
  const { html } = await c.page(`/bookings/${bookingId}/pay`);
  // Remix streams loader data in its own encoding: find the values, not JSON keys.
  const orderId = /\b(order_[A-Za-z0-9]{6,40})\b/.exec(html)?.[1];
  const key = /\b(rzp_(?:test|live)_[A-Za-z0-9]+)\b/.exec(html)?.[1];
  if (!orderId || !key) throw new Error(`${c.name}: no order on the payment page`);
  return { held: true, holdId, bookingId, orderId, key, seatIds };
}

async function sandboxPay(c, order) {
  const res = await c.json("/dev/razorpay-sandbox/pay", "POST", { key: order.key, order_id: order.orderId, outcome: "success" });
  if (!res.ok) throw new Error(`sandbox pay answered ${res.status}`);
  return res.json();
}

const callback = (c, bookingId, paid) => c.form(`/bookings/${bookingId}/pay`, { intent: "paid", ...paid });

const counts = { users: USERS, holdAttempts: 0, holdsWon: 0, orders: 0, callbacks: 0, hijacksRefused: 0, forgedRefused: 0, lateRaces: 0 };
const failures = [];

const anon = new Client("anon");
const { showtimeId, seats } = await pickShowtime(anon);
const contested = seats.slice(0, 8);
const fans = await Promise.all(Array.from({ length: USERS }, (_, i) => signUp(i)));

// Round 1: everyone grabs 2 of the same 8 seats at once.
const orders = [];
await Promise.all(
  fans.map(async (c) => {
    counts.holdAttempts++;
    const o = await holdAndOrder(c, showtimeId, shuffle(contested).slice(0, 2));
    if (o.held) {
      counts.holdsWon++;
      counts.orders++;
      orders.push({ c, o });
    }
  }),
);

// Round 2: winners pay; each callback is replayed three times at once, webhooks race them, and a
// forged webhook and a hijack (someone else's signed payment posted to your own booking) ride along.
const victims = [];
await Promise.all(
  orders.map(async ({ c, o }, i) => {
    const paid = await sandboxPay(c, o);
    victims.push(paid);
    const replays = await Promise.all([1, 2, 3].map(() => callback(c, o.bookingId, paid)));
    counts.callbacks += replays.length;
    const forged = await fetch(`${BASE}/api/razorpay/webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Razorpay-Signature": "0".repeat(64), "X-Razorpay-Event-Id": `evt_forged_${stamp}_${i}` },
      body: JSON.stringify({ event: "payment.captured", payload: { payment: { entity: { id: paid.razorpay_payment_id, order_id: o.orderId, amount: 1, currency: "INR", status: "captured" } } } }),
    });
    if (forged.status === 400) counts.forgedRefused++;
    else failures.push(`forged webhook answered ${forged.status}`);
  }),
);

// Hijack: a fresh fan with their own booking posts a winner's signed payment to it.
if (victims.length) {
  const thief = fans[fans.length - 1];
  const own = await holdAndOrder(thief, showtimeId, seats.slice(20, 21));
  if (own.held) {
    const res = await callback(thief, own.bookingId, victims[0]);
    if (res.status === 400) counts.hijacksRefused++;
    else failures.push(`hijacked payment answered ${res.status}`);
  }
}

// Round 3: late payments racing for seats whose holds are gone. Each pair: A orders, A's hold is
// released (as if it expired), B takes the seats and both pay at the same moment.
for (let k = 0; k < 4; k++) {
  const [a, b] = [fans[k * 2], fans[k * 2 + 1]];
  const seat = [seats[30 + k]];
  const oa = await holdAndOrder(a, showtimeId, seat);
  if (!oa.held) continue;
  await a.fetch(`/api/showtimes/${showtimeId}/holds/${oa.holdId}`, { method: "DELETE" });
  const ob = await holdAndOrder(b, showtimeId, seat);
  if (!ob.held) continue;
  counts.lateRaces++;
  const [pa, pb] = await Promise.all([sandboxPay(a, oa), sandboxPay(b, ob)]);
  await Promise.all([callback(a, oa.bookingId, pa), callback(b, ob.bookingId, pb)]);
}

// Let webhooks, refunds and queue work settle before judging.
await new Promise((r) => setTimeout(r, 3_000));

const doubleSold = d1(
  "SELECT showtime_id, seat_id, COUNT(*) AS n FROM booking_seats WHERE status = 'CONFIRMED' GROUP BY showtime_id, seat_id HAVING n > 1",
);
if (doubleSold.length) failures.push(`${doubleSold.length} seats CONFIRMED twice`);

// Every payment the "bank" captured must end as exactly one ticket or one refund.
const captured = d1(`
  SELECT p.id,
    (SELECT COUNT(*) FROM bookings b WHERE b.razorpay_payment_id = p.id AND b.status = 'CONFIRMED') AS tickets,
    (SELECT COUNT(*) FROM refunds r WHERE r.payment_id = p.id) AS refunds,
    (SELECT COUNT(*) FROM razorpay_sandbox_entities r WHERE r.kind = 'refund' AND r.parent_id = p.id) AS bank_refunds
  FROM razorpay_sandbox_entities p
  WHERE p.kind = 'payment' AND json_extract(p.body, '$.captured') = 1`);
const broken = captured.filter((p) => p.tickets + p.refunds !== 1);
if (broken.length) failures.push(`${broken.length} captured payments without exactly one ticket or refund: ${broken.slice(0, 3).map((p) => p.id).join(", ")}`);
const tickets = captured.filter((p) => p.tickets === 1).length;
const refunds = captured.filter((p) => p.refunds === 1).length;

// A CONFIRMED booking always has the money behind it (the mailbox journey's fixtures, written
// straight into D1 as `bk-e2e-…`, are the only bookings that never went through checkout).
const unpaid = d1(`
  SELECT b.id FROM bookings b
  WHERE b.status = 'CONFIRMED' AND b.id NOT LIKE 'bk-e2e-%' AND NOT EXISTS (
    SELECT 1 FROM razorpay_sandbox_entities p WHERE p.kind = 'payment' AND p.id = b.razorpay_payment_id AND json_extract(p.body, '$.captured') = 1)`);
if (unpaid.length) failures.push(`${unpaid.length} CONFIRMED bookings without a captured payment`);

// No hold outlives its TTL by more than the alarm's tolerance.
const waitMs = HOLD_TTL_SECONDS * 1000 + ALARM_TOLERANCE_MS;
if (waitMs <= 120_000) {
  await new Promise((r) => setTimeout(r, waitMs));
  const map = await (await fetch(`${BASE}/api/showtimes/${showtimeId}/seats`)).json();
  const lingering = Object.entries(map.seats).filter(([, s]) => s === "held");
  if (lingering.length) failures.push(`${lingering.length} holds outlived the ${HOLD_TTL_SECONDS}s TTL`);
} else {
  console.log(`(hold TTL ${HOLD_TTL_SECONDS}s is too long to wait for; start the app with HOLD_TTL_SECONDS<=110 to check expiry)`);
}

const verdict = failures.length ? "FAIL" : "PASS";
console.log(
  `adversarial ${verdict}: ${counts.users} fans, ${counts.holdsWon}/${counts.holdAttempts} contested holds won, ${counts.orders} orders, ` +
    `${counts.callbacks} replayed callbacks, ${counts.lateRaces} late-payment races, ${captured.length} captured payments → ${tickets} tickets + ${refunds} refunds, ` +
    `${doubleSold.length} seats sold twice, ${counts.forgedRefused} forged webhooks and ${counts.hijacksRefused} hijacks refused`,
);
for (const f of failures) console.log(`  ✗ ${f}`);
process.exit(failures.length ? 1 : 0);
