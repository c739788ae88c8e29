// `node scripts/capacity.mjs`: the capacity model of a national on-sale (docs/scale.md, issue 30).
// It reads the bench's measured D1 round trips per purchase (.wrangler/bench-results.json, written by
// `npm run bench -- purchase`; the figures below are the fallback, from the 2026-12-08 run) and the
// platform's documented limits, and prints each wall in the order the load meets it, with the shards
// the booking databases need. Change a limit or the code, re-run the bench, re-run this: the model moves.
import { existsSync, readFileSync } from "node:fs";

const ONSALE = { fans: 2_000_000, seats: 500_000, shows: 3_000, seconds: 600 };
/** Seats per purchase (the arithmetic: 125 purchases/s ≈ 375 seats/s). */
const SEATS_PER_PURCHASE = 3;
/** Demand is not flat: the first minutes of an on-sale carry more. Peak over mean. */
const PEAK = 2;
/** The hottest show's share of the fans (a premiere's first IMAX show), and of the seats. */
const HOT_SHOW = { fanShare: 0.01, seats: 600 };

const LIMITS = {
  // D1: one query at a time per database, ~1 ms each (Cloudflare's docs), so ~1,000/s; kept at 70 %.
  d1QueriesPerSecond: 1_000,
  d1Headroom: 0.7,
  // A Durable Object is single-threaded: ~1,000 requests/s (Cloudflare's docs, "soft limit").
  objectRequestsPerSecond: 1_000,
  // Queues: 5,000 messages/s per queue.
  queueMessagesPerSecond: 5_000,
  // Resend's default team limit (wrangler.toml EMAIL_SEND_PER_SECOND); confirmations carry attachments,
  // so one per request; the batch endpoint (100 a request) takes only emails without attachments.
  emailRequestsPerSecond: Number(process.env.EMAIL_SEND_PER_SECOND ?? 2),
  emailBatch: 100,
  // Workers Rate Limiting: RL_WEBHOOK_IP is 600 a minute per address (wrangler.toml); Razorpay sends
  // from a handful of addresses.
  webhookPerIpPerSecond: 600 / 60,
  razorpayWebhookIps: Number(process.env.RAZORPAY_WEBHOOK_IPS ?? 4),
  // The waiting room admits each show at QUEUE_SEAT_CAPACITY_PER_MINUTE seats a minute (wrangler.toml).
  admitSeatsPerMinute: 600,
};

/** Per purchase, measured (bench): round trips by database, seat-object calls, webhooks, emails. */
function measured() {
  const file = ".wrangler/bench-results.json";
  const fallback = { bookingDb: 15, sharedDb: 4, sharedHold: 3, webhooks: 3, source: "fallback (bench run 2026-12-08 03:55 UTC)" };
  if (!existsSync(file)) return fallback;
  const d1 = JSON.parse(readFileSync(file, "utf8")).purchase?.d1;
  if (!d1) return fallback;
  const steps = ["booking + order", "verify + capture", "webhook", "email"];
  let bookingDb = 0;
  let sharedDb = 0;
  for (const r of d1.rows.filter((x) => steps.includes(x.label))) {
    for (const [db, c] of Object.entries(r.dbs)) {
      if (db === "DB") sharedDb += c.roundTrips;
      else bookingDb += c.roundTrips;
    }
  }
  // Writes the hold path makes to the shared database (held_shows), Worker and seat object.
  const sharedHold = d1.rows.filter((x) => x.label === "hold" || x.label === "seat object").reduce((a, x) => a + (x.dbs.DB?.roundTrips ?? 0), 0);
  return { bookingDb: +bookingDb.toFixed(2), sharedDb: +sharedDb.toFixed(2), sharedHold: +sharedHold.toFixed(2), webhooks: 3, source: file };
}

const m = measured();
const purchases = ONSALE.seats / SEATS_PER_PURCHASE;
const meanRate = purchases / ONSALE.seconds;
const peakRate = meanRate * PEAK;
const d1Budget = LIMITS.d1QueriesPerSecond * LIMITS.d1Headroom;

// Requests one purchase makes to its show's seat object: hold, the pay page's getHold, claim, and a
// confirmSale for the callback and each webhook (bench: booking-order + verify + 3 webhooks).
const seatObjectCallsPerPurchase = 1 + 1 + 1 + 1 + m.webhooks;
const hotFans = ONSALE.fans * HOT_SHOW.fanShare;

const walls = [
  {
    wall: "Email provider (Resend, one confirmation with attachments a request)",
    at: LIMITS.emailRequestsPerSecond,
    unit: "purchases/s",
    then: "ask Resend for a higher rate; send confirmations without attachments (ticket link + QR image URL) through the batch endpoint: 100 a request",
  },
  {
    wall: `Workers Rate Limiting on webhooks (RL_WEBHOOK_IP ${LIMITS.webhookPerIpPerSecond * 60}/min per address, ~${LIMITS.razorpayWebhookIps} Razorpay addresses)`,
    at: (LIMITS.webhookPerIpPerSecond * LIMITS.razorpayWebhookIps) / m.webhooks,
    unit: "purchases/s",
    then: "take the slot after the signature check, keyed by event id (a forger is refused before it costs anything); or raise the limit: Razorpay retries a 429 for a day, so nothing is lost, only late",
  },
  {
    wall: `One booking database (D1, ${m.bookingDb} round trips a purchase, ${Math.round(LIMITS.d1Headroom * 100)} % of ~${LIMITS.d1QueriesPerSecond}/s)`,
    at: d1Budget / m.bookingDb,
    unit: "purchases/s",
    then: "booking shards by region (ADR 031): shards needed below",
  },
  {
    wall: `The shared database (${m.sharedDb} purchase + ${m.sharedHold} hold round trips on its primary; page reads on replicas)`,
    at: d1Budget / (m.sharedDb + m.sharedHold),
    unit: "purchases/s",
    then: "cache the session and the showtime per isolate (they are reads on a POST's primary session today); move held_shows into the seat objects' rooms",
  },
  {
    wall: `The hottest show's waiting room object (~${LIMITS.objectRequestsPerSecond} joins/s; ${hotFans.toLocaleString("en")} fans in the first minute)`,
    at: LIMITS.objectRequestsPerSecond,
    unit: "joins/s per show",
    need: hotFans / 60,
    then: "joins answered from the place pass already (ADR 026); split a show's room into N rooms by fan hash, admitted round-robin",
  },
  {
    wall: `The hottest seat object (~${LIMITS.objectRequestsPerSecond} requests/s, ${seatObjectCallsPerPurchase} calls a purchase)`,
    at: LIMITS.objectRequestsPerSecond / seatObjectCallsPerPurchase,
    unit: "purchases/s per show",
    need: LIMITS.admitSeatsPerMinute / 60 / SEATS_PER_PURCHASE,
    then: "the waiting room admits a show at a rate it can take; drop the webhooks' confirmSale when the booking is already sold in the object (3 of its calls)",
  },
  {
    wall: `Queues (${LIMITS.queueMessagesPerSecond.toLocaleString("en")} messages/s per queue; 1 confirmation a purchase)`,
    at: LIMITS.queueMessagesPerSecond,
    unit: "purchases/s",
    then: "a second email queue (by booking shard) if ever met",
  },
].map((w) => ({ ...w, need: w.need ?? peakRate }));

walls.sort((a, b) => a.at / a.need - b.at / b.need);

const shards = Math.ceil((peakRate * m.bookingDb) / d1Budget);
const sharedLoad = (peakRate * (m.sharedDb + m.sharedHold)) / LIMITS.d1QueriesPerSecond;
const emailHours = purchases / LIMITS.emailRequestsPerSecond / 3600;

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(1));
console.log(`National on-sale: ${ONSALE.fans.toLocaleString("en")} fans, ${ONSALE.seats.toLocaleString("en")} seats, ${ONSALE.shows.toLocaleString("en")} shows, ${ONSALE.seconds / 60} minutes`);
console.log(`Purchases: ${fmt(purchases)} (${SEATS_PER_PURCHASE} seats each), ${fmt(meanRate)}/s on average, ${fmt(peakRate)}/s at the peak (×${PEAK})`);
console.log(`Measured per purchase (${m.source}): booking database ${m.bookingDb} round trips, shared ${m.sharedDb} (+${m.sharedHold} for the hold)`);
console.log("");
console.log("| # | wall | met at | needed at the peak | verdict | what we do |");
console.log("| --- | --- | --- | --- | --- | --- |");
walls.forEach((w, i) => {
  const verdict = w.at >= w.need ? `ok (×${(w.at / w.need).toFixed(1)})` : `**met** (×${(w.need / w.at).toFixed(1)} over)`;
  console.log(`| ${i + 1} | ${w.wall} | ${fmt(w.at)} ${w.unit} | ${fmt(w.need)} ${w.unit} | ${verdict} | ${w.then} |`);
});
console.log("");
console.log(`Booking databases needed at the peak: ${shards} (${fmt(peakRate)} purchases/s × ${m.bookingDb} round trips ÷ ${fmt(d1Budget)}/s each), if the regions split the load evenly; plan ${shards + Math.ceil(shards / 2)} for an uneven split.`);
console.log(`Shared database primary at the peak: ${(sharedLoad * 100).toFixed(0)} % of ~${LIMITS.d1QueriesPerSecond}/s.`);
console.log(`Confirmation emails at ${LIMITS.emailRequestsPerSecond}/s: the last goes out after ${emailHours.toFixed(1)} h; at ${LIMITS.emailRequestsPerSecond} batch requests/s of ${LIMITS.emailBatch} (no attachments): ${(purchases / (LIMITS.emailRequestsPerSecond * LIMITS.emailBatch) / 60).toFixed(0)} min.`);
