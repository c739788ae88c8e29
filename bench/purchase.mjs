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
          const res = await fetch(`${base}/api/showtimes/${showtimeId}/holds`, { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify({ seatIds: [seatIds[i]] }) });
          return res.json();
        });
        const bookingId = await timed(steps, "booking + order", async () => {
          const res = await fetch(`${base}/showtimes/${showtimeId}/pay`, { method: "POST", redirect: "manual", headers: headers({ "Content-Type": "application/x-www-form-urlencoded" }), body: new URLSearchParams({ csrf, holdId: hold.holdId }) });
          return /\/bookings\/([^/]+)\/pay/.exec(res.headers.get("Location") ?? "")?.[1];
        });
        if (!bookingId) throw new Error("booking was not created");
        const payHtml = await (await fetch(`${base}/bookings/${bookingId}/pay`, { headers: headers() })).text();
        const orderId = /\b(order_[A-Za-z0-9]{6,40})\b/.exec(payHtml)?.[1];
        const key = /\b(rzp_test_[A-Za-z0-9]+)\b/.exec(payHtml)?.[1];
        // The sandbox stands in for the buyer's bank: not our latency, so not timed.
        const paid = await (await fetch(`${base}/dev/razorpay-sandbox/pay`, { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify({ key, order_id: orderId, outcome: "success" }) })).json();
        const location = await timed(steps, "verify + confirm + capture", async () => {
          const res = await fetch(`${base}/bookings/${bookingId}/pay`, { method: "POST", redirect: "manual", headers: headers({ "Content-Type": "application/x-www-form-urlencoded" }), body: new URLSearchParams({ csrf, intent: "paid", ...paid }) });
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
