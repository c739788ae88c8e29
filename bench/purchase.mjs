// The whole purchase, step by step, through HTTP like a browser: seat page, hold, booking + order,
// then the sandbox payment and the checkout callback that verifies, judges in D1 and captures.
import { percentile } from "./load.mjs";

function jar(initial) {
  const cookies = new Map(initial.split("; ").map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]));
  return {
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    take(res) {
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(";")[0];
        cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
      }
    },
  };
}

async function timed(steps, name, fn) {
  const t0 = performance.now();
  const out = await fn();
  (steps[name] ??= []).push(performance.now() - t0);
  return out;
}

export async function purchaseSteps({ base, showtimeId, cookies, seatIds, purchases = 100, concurrency = 5 }) {
  const steps = {};
  let next = 0;
  let confirmed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < purchases) {
        const i = next++;
        const c = jar(cookies[i]);
        const headers = (extra = {}) => ({ Cookie: c.header(), Origin: base, ...extra });
        const page = await timed(steps, "seat page render", async () => {
          const res = await fetch(`${base}/showtimes/${showtimeId}`, { headers: headers() });
          c.take(res);
          return res.text();
        });
        const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
        const hold = await timed(steps, "hold", async () => {
          const res = await fetch(`${base}/api/showtimes/${showtimeId}/holds`, { method: "POST", headers: headers({ "Content-Type": "application/json", ...labelled("hold") }), body: JSON.stringify({ seatIds: [seatIds[i]] }) });
          return res.json();
        });
        const bookingId = await timed(steps, "booking + order", async () => {
          const res = await fetch(`${base}/showtimes/${showtimeId}/pay`, { method: "POST", redirect: "manual", headers: headers({ "Content-Type": "application/x-www-form-urlencoded", ...labelled("booking + order") }), body: new URLSearchParams({ csrf, holdId: hold.holdId }) });
          return /\/bookings\/([^/]+)\/pay/.exec(res.headers.get("Location") ?? "")?.[1];
        });
        if (!bookingId) throw new Error("booking was not created");
        const payHtml = await (await fetch(`${base}/bookings/${bookingId}/pay`, { headers: headers(labelled("pay page (GET)")) })).text();
        const orderId = /\b(order_[A-Za-z0-9]{6,40})\b/.exec(payHtml)?.[1];
        const key = /\b(rzp_test_[A-Za-z0-9]+)\b/.exec(payHtml)?.[1];
        // The sandbox stands in for the buyer's bank: not our latency, so not timed.
        const paid = await (await fetch(`${base}/dev/razorpay-sandbox/pay`, { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify({ key, order_id: orderId, outcome: "success" }) })).json();
        const location = await timed(steps, "verify + confirm + capture", async () => {
          const res = await fetch(`${base}/bookings/${bookingId}/pay`, { method: "POST", redirect: "manual", headers: headers({ "Content-Type": "application/x-www-form-urlencoded", ...labelled("verify + capture") }), body: new URLSearchParams({ csrf, intent: "paid", ...paid }) });
          return res.headers.get("Location");
        });
        if (location === `/bookings/${bookingId}`) confirmed++;
      }
    }),
  );
  const rows = Object.entries(steps).map(([step, ms]) => {
    ms.sort((a, b) => a - b);
    return { step, n: ms.length, p50: +percentile(ms, 50).toFixed(1), p99: +percentile(ms, 99).toFixed(1) };
  });
  return { purchases, confirmed, rows };
}

const labelled = (label) => ({ "X-Bench-D1-Label": label });

/**
 * Delivers the webhooks the sandbox owes, over HTTP as Razorpay would (the purchase part runs with
 * APP_ENV=test, so nothing delivers them inside a fan's request), labelled "webhook" for the counter.
 */
export async function deliverWebhooks({ base, db, webhookSecret, sign }) {
  const { results } = await db.prepare("SELECT id, body FROM razorpay_sandbox_webhooks WHERE delivered_at IS NULL ORDER BY created_at, rowid").all();
  for (const row of results) {
    const res = await fetch(`${base}/api/razorpay/webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Razorpay-Signature": await sign(webhookSecret, row.body), "X-Razorpay-Event-Id": row.id, Origin: base, ...labelled("webhook") },
      body: row.body,
    });
    if (!res.ok) throw new Error(`webhook ${row.id}: ${res.status}`);
    await db.prepare("UPDATE razorpay_sandbox_webhooks SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?").bind(Date.now(), row.id).run();
  }
  return results.length;
}

/** Polls `check` (a count of what is still to happen) until 0 or `seconds` pass. */
export async function settled(check, seconds = 120) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const left = await check();
    if (left === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Per purchase, what reached D1 (issue 30): round trips and statements by step and by database,
 * from the counting entry's totals over `purchases` purchases. Fan path: booking + order, verify +
 * capture; background: webhooks, email. "hold" and "seat object" are shown apart (the hold is the
 * seat object's path, ADR 018/027), as is the pay page (a GET, which D1 sessions may serve from a replica).
 */
export function perPurchase(counts, purchases) {
  const round = (n) => +(n / purchases).toFixed(2);
  const rows = Object.entries(counts).map(([label, { sample: _sample, ...byDb }]) => {
    const sum = { roundTrips: 0, statements: 0, writes: 0 };
    const dbs = {};
    for (const [db, c] of Object.entries(byDb)) {
      for (const k of Object.keys(sum)) sum[k] += c[k];
      dbs[db] = { roundTrips: round(c.roundTrips), statements: round(c.statements) };
    }
    return { label, roundTrips: round(sum.roundTrips), statements: round(sum.statements), writes: round(sum.writes), dbs };
  });
  const of = (labels) => rows.filter((r) => labels.includes(r.label)).reduce((a, r) => ({ roundTrips: +(a.roundTrips + r.roundTrips).toFixed(2), statements: +(a.statements + r.statements).toFixed(2), writes: +(a.writes + r.writes).toFixed(2) }), { roundTrips: 0, statements: 0, writes: 0 });
  const fan = of(FAN_STEPS);
  const background = of(BACKGROUND_STEPS);
  return { rows, fan, background, total: { roundTrips: +(fan.roundTrips + background.roundTrips).toFixed(2), statements: +(fan.statements + background.statements).toFixed(2), writes: +(fan.writes + background.writes).toFixed(2) } };
}
export const FAN_STEPS = ["booking + order", "verify + capture"];
export const BACKGROUND_STEPS = ["webhook", "email"];
