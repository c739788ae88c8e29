// Email at crowd speed (ADR 029): N emails queued at once drain through the local mailbox, which
// enforces a Resend-like rate limit (MAILBOX_RATE_PER_SECOND): the time to the last email, and
// duplicates / lost emails judged against the mailbox and email_log. Plus the hold path's cost of
// recording events (holds/s with the events store off and on, in the same run).

/** The bench entry for this part: queues N email jobs in one go (Queue.sendBatch, 100 a call). */
export const EMAIL_BENCH_ENTRY = `
import app from "./bench-entry.js";
export * from "./bench-entry.js";
export default {
  ...app,
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname !== "/__bench/email/enqueue") return app.fetch(request, env, ctx);
    const { type, ids } = await request.json();
    for (let i = 0; i < ids.length; i += 100) {
      await env.EMAIL_QUEUE.sendBatch(ids.slice(i, i + 100).map((bookingId) => ({ body: { type, bookingId, idempotencyKey: type + ":" + bookingId }, contentType: "json" })));
    }
    return Response.json({ queued: ids.length });
  },
};
`;

const q = (v) => `'${String(v).replaceAll("'", "''")}'`;

/** N confirmed bookings of one seat each on `showtimeId`, written straight into D1. */
export async function seedBookings(db, { showtimeId, n, tag }) {
  const ids = [];
  const now = Date.now();
  const stmts = [];
  for (let i = 0; i < n; i++) {
    const id = `bk-mail-${tag}-${i}`;
    ids.push(id);
    stmts.push(
      `INSERT INTO bookings (id, user_id, showtime_id, hold_id, code, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, confirmed_at, updated_at)
       VALUES (${q(id)}, 'usr-demo-customer', ${q(showtimeId)}, ${q(`hold-${id}`)}, ${q(`M${tag}${i}`.slice(0, 12))}, 'CONFIRMED', 20000, 3000, 540, 23540, 'INR', ${now}, ${now}, ${now})`,
      `INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES (${q(id)}, ${q(showtimeId)}, ${q(`${tag}${i}`)}, 'CLASSIC', 20000, 'CONFIRMED')`,
    );
  }
  for (let i = 0; i < stmts.length; i += 500) await db.batch(stmts.slice(i, i + 500).map((s) => db.prepare(s)));
  return ids;
}

/**
 * Queues every job at once, then watches D1 until every email_log row is final (or `maxSeconds`).
 * Duplicates: mailbox rows beyond one per job; lost: jobs with no SENT row at the end.
 */
export async function drainEmails({ base, db, type, ids, maxSeconds, label }) {
  const before = (await db.prepare("SELECT COUNT(*) AS n FROM dev_mailbox").first()).n;
  const t0 = Date.now();
  for (let i = 0; i < ids.length; i += 2000) {
    const res = await fetch(`${base}/__bench/email/enqueue`, { method: "POST", body: JSON.stringify({ type, ids: ids.slice(i, i + 2000) }) });
    if (!res.ok) throw new Error(`enqueue ${res.status}: ${await res.text()}`);
  }
  const queuedMs = Date.now() - t0;
  let lastProgress = 0;
  let firstMs = null;
  let lastSent = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const sent = (await db.prepare(`SELECT COUNT(*) AS n FROM email_log WHERE type = ? AND status = 'SENT' AND booking_id IN (SELECT value FROM json_each(?))`).bind(type, JSON.stringify(ids)).first()).n;
    if (sent > 0 && firstMs === null) firstMs = Date.now() - t0;
    const elapsed = (Date.now() - t0) / 1000;
    if (sent !== lastSent && elapsed - lastProgress >= 10) {
      console.log(`  ${label}: ${sent}/${ids.length} sent after ${elapsed.toFixed(0)} s`);
      lastProgress = elapsed;
    }
    lastSent = sent;
    if (sent >= ids.length || elapsed > maxSeconds) break;
  }
  const timedOut = (await db.prepare(`SELECT COUNT(*) AS n FROM email_log WHERE type = ? AND status = 'SENT' AND booking_id IN (SELECT value FROM json_each(?))`).bind(type, JSON.stringify(ids)).first()).n < ids.length;
  const lastMs = (await db.prepare(`SELECT MAX(updated_at) AS t FROM email_log WHERE type = ? AND booking_id IN (SELECT value FROM json_each(?))`).bind(type, JSON.stringify(ids)).first()).t - t0;
  const mailbox = (await db.prepare("SELECT COUNT(*) AS n FROM dev_mailbox").first()).n - before;
  const statuses = Object.fromEntries(
    (await db.prepare(`SELECT status, COUNT(*) AS n FROM email_log WHERE type = ? AND booking_id IN (SELECT value FROM json_each(?)) GROUP BY 1`).bind(type, JSON.stringify(ids)).all()).results.map((r) => [r.status, r.n]),
  );
  const sent = statuses.SENT ?? 0;
  const attempts = (await db.prepare(`SELECT SUM(attempts) AS n FROM email_log WHERE type = ? AND booking_id IN (SELECT value FROM json_each(?))`).bind(type, JSON.stringify(ids)).first()).n;
  // 429s the consumer met (and waited out): email.retried events with reason rate_limited, local store.
  const rateLimited = (await db.prepare("SELECT COUNT(*) AS n FROM obs_events WHERE kind = 'email.retried' AND reason = 'rate_limited' AND at >= ?").bind(t0).first()).n;
  return {
    emails: ids.length,
    rateLimited,
    type,
    queuedMs,
    firstEmailSeconds: firstMs === null ? null : +(firstMs / 1000).toFixed(1),
    lastEmailSeconds: +(lastMs / 1000).toFixed(1),
    emailsPerSecond: +(sent / (lastMs / 1000)).toFixed(1),
    mailboxRows: mailbox,
    duplicates: Math.max(0, mailbox - sent),
    // Unsent when the drain stopped at maxSeconds is "unfinished", not lost: the queue still holds them.
    lost: timedOut ? 0 : ids.length - sent,
    unfinished: timedOut ? ids.length - sent : 0,
    maxSeconds,
    claims: attempts,
    statuses,
  };
}
