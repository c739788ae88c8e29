// The chaos run's checker: reads the final state (the local D1 file, each seat object's own answer,
// the Razorpay sandbox's ledger and the mailbox, which live in D1 tables of their own) and judges
// every promise Marquee makes, one line per invariant with its counts.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

const D1_ROOT = ".wrangler/state/v3/d1/miniflare-D1DatabaseObject";

function tablesOf(file) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name));
  } finally {
    db.close();
  }
}

/**
 * The local D1 files `wrangler dev` keeps under .wrangler/state: the shared database (accounts, the
 * catalogue, the sandbox's ledger and the mailbox; also booking shard 0) and every other booking
 * database (ADR 031), told apart by their tables.
 */
export function localD1Path(root = D1_ROOT) {
  if (!existsSync(root)) throw new Error(`no local D1 under ${root}`);
  const files = readdirSync(root).filter((f) => f.endsWith(".sqlite")).map((f) => path.join(root, f));
  const shared = files.find((f) => tablesOf(f).has("dev_mailbox"));
  if (!shared) throw new Error("no local D1 file with the mailbox's table");
  return { shared, shards: files.filter((f) => f !== shared && tablesOf(f).has("bookings")) };
}

/** A show's sales live in its cinema's booking database: the checker reads them as one table each. */
const SALES_TABLES = ["bookings", "booking_seats", "payments", "refunds", "webhook_events", "email_log"];

export function openD1({ shared, shards }) {
  const db = new DatabaseSync(shared, { readOnly: true });
  db.exec("PRAGMA busy_timeout = 5000");
  const aliases = shards.map((file, i) => {
    db.exec(`ATTACH DATABASE '${file.replaceAll("'", "''")}' AS shard${i + 1}`);
    return `shard${i + 1}`;
  });
  // Temp views shadow the shared database's tables of the same name: every query below sees all shards.
  for (const table of SALES_TABLES) {
    const cols = db.prepare(`PRAGMA main.table_info(${table})`).all().map((c) => c.name);
    if (!cols.length) continue;
    const parts = [`SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM main.${table}`];
    for (const alias of aliases) {
      const have = new Set(db.prepare(`PRAGMA ${alias}.table_info(${table})`).all().map((c) => c.name));
      if (have.size) parts.push(`SELECT ${cols.map((c) => (have.has(c) ? `"${c}"` : `NULL AS "${c}"`)).join(", ")} FROM ${alias}.${table}`);
    }
    db.exec(`CREATE TEMP VIEW ${table} AS ${parts.join(" UNION ALL ")}`);
  }
  return {
    all: (sql, ...params) => db.prepare(sql).all(...params),
    get: (sql, ...params) => db.prepare(sql).get(...params),
    close: () => db.close(),
  };
}

const inList = (ids) => ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(",");

/** What is still moving: the run is quiet when every count here is zero. */
export function unsettled(db, showtimeIds, seatMaps) {
  const shows = inList(showtimeIds);
  const pendingBookings = db.get(`SELECT COUNT(*) AS n FROM bookings WHERE showtime_id IN (${shows}) AND status IN ('PENDING_PAYMENT','REFUND_PENDING')`).n;
  const pendingRefunds = db.get(`SELECT COUNT(*) AS n FROM refunds r JOIN bookings b ON b.id = r.booking_id WHERE b.showtime_id IN (${shows}) AND r.status = 'PENDING'`).n;
  const uncaptured = db.get(
    `SELECT COUNT(*) AS n FROM bookings b JOIN payments p ON p.id = b.razorpay_payment_id WHERE b.showtime_id IN (${shows}) AND b.status = 'CONFIRMED' AND p.status = 'authorized'`,
  ).n;
  const emailsOwed = db.get(
    `SELECT COUNT(*) AS n FROM bookings b WHERE b.showtime_id IN (${shows}) AND b.status = 'CONFIRMED'
       AND NOT EXISTS (SELECT 1 FROM dev_mailbox m WHERE m.idempotency_key = 'booking_confirmed:' || b.id)`,
  ).n;
  const webhooksDue = db.get("SELECT COUNT(*) AS n FROM razorpay_sandbox_webhooks WHERE delivered_at IS NULL AND attempts < 12").n;
  const held = Object.values(seatMaps).reduce((n, map) => n + Object.values(map.seats).filter((s) => s === "held").length, 0);
  return { pendingBookings, pendingRefunds, uncaptured, emailsOwed, webhooksDue, held };
}

/**
 * Every invariant, with counts. `seatMaps`: each seat object's final sharedSnapshot; `holdSamples`:
 * holds seen during the run ({createdAt, expiresAt, seenAt}); `limits`: the run's hold settings.
 */
export function judge(db, { showtimeIds, seatMaps, holdSamples, limits }) {
  const shows = inList(showtimeIds);
  const lines = [];
  const verdict = (ok, name, detail) => {
    lines.push({ ok, text: `${ok ? "✓" : "✗"} ${name}: ${detail}` });
  };

  const bookings = db.all(`SELECT * FROM bookings WHERE showtime_id IN (${shows})`);
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const byOrder = new Map(bookings.filter((b) => b.razorpay_order_id).map((b) => [b.razorpay_order_id, b]));
  const status = (s) => bookings.filter((b) => b.status === s).length;

  // 1. No seat confirmed twice.
  const confirmedSeats = db.all(`SELECT showtime_id, seat_id, booking_id FROM booking_seats WHERE showtime_id IN (${shows}) AND status = 'CONFIRMED'`);
  const twice = db.all(
    `SELECT showtime_id, seat_id, COUNT(*) AS n FROM booking_seats WHERE showtime_id IN (${shows}) AND status = 'CONFIRMED' GROUP BY 1, 2 HAVING n > 1`,
  );
  verdict(twice.length === 0, "no seat confirmed twice", `${confirmedSeats.length} seats sold across ${showtimeIds.length} shows, ${twice.length} sold twice`);

  // 2. Each seat object agrees with D1 about every sold seat (both ways).
  let disagreements = 0;
  let compared = 0;
  for (const id of showtimeIds) {
    const d1Sold = new Set(confirmedSeats.filter((s) => s.showtime_id === id).map((s) => s.seat_id));
    const doSold = new Set(Object.entries(seatMaps[id]?.seats ?? {}).filter(([, s]) => s === "sold").map(([seat]) => seat));
    for (const seat of new Set([...d1Sold, ...doSold])) {
      compared++;
      if (d1Sold.has(seat) !== doSold.has(seat)) disagreements++;
    }
  }
  verdict(disagreements === 0, "seat objects agree with D1", `${compared} sold seats compared, ${disagreements} disagree`);

  // 3. Every captured payment is exactly one confirmed booking or fully refunded; money to the paisa.
  const ledger = db.all("SELECT id, parent_id, body FROM razorpay_sandbox_entities WHERE kind = 'payment'").map((r) => ({ ...JSON.parse(r.body), order: r.parent_id }));
  const ours = ledger.filter((p) => byOrder.has(p.order));
  const captured = ours.filter((p) => p.captured === true || p.status === "captured" || p.status === "refunded");
  const bankRefunds = db.all("SELECT parent_id, body FROM razorpay_sandbox_entities WHERE kind = 'refund'").map((r) => JSON.parse(r.body));
  const refundedOf = (paymentId) => bankRefunds.filter((r) => r.payment_id === paymentId).reduce((n, r) => n + r.amount, 0);
  let ticketPaise = 0;
  let refundPaise = 0;
  let keptOnCancel = 0;
  let capturedPaise = 0;
  const broken = [];
  let asTicket = 0;
  let asRefund = 0;
  let asCancellation = 0;
  for (const p of captured) {
    const booking = byOrder.get(p.order);
    const refunded = refundedOf(p.id);
    capturedPaise += p.amount;
    refundPaise += refunded;
    const isTicket = booking.razorpay_payment_id === p.id && booking.status === "CONFIRMED";
    const isCancelled = booking.razorpay_payment_id === p.id && booking.status === "CANCELLED";
    if (isTicket && refunded === 0) {
      asTicket++;
      ticketPaise += booking.total_amount;
    } else if (isCancelled && refunded > 0 && refunded <= p.amount) {
      asCancellation++;
      keptOnCancel += p.amount - refunded;
    } else if (!isTicket && refunded === p.amount) {
      asRefund++;
    } else {
      broken.push(`${p.id} (booking ${booking.id} ${booking.status}, refunded ${refunded}/${p.amount})`);
    }
  }
  // …and the other way round: a ticket always has its money captured.
  const capturedIds = new Set(captured.map((p) => p.id));
  const unpaid = bookings.filter((b) => (b.status === "CONFIRMED" || b.status === "CANCELLED") && !capturedIds.has(b.razorpay_payment_id));
  verdict(
    broken.length === 0 && unpaid.length === 0,
    "every captured payment is one ticket or fully refunded",
    `${captured.length} captured → ${asTicket} tickets, ${asRefund} refunded in full, ${asCancellation} cancelled by the fan; ${broken.length} neither${broken.length ? `: ${broken.slice(0, 3).join("; ")}` : ""}; ${unpaid.length} tickets without a captured payment`,
  );
  const balanced = capturedPaise === ticketPaise + refundPaise + keptOnCancel;
  verdict(
    balanced && broken.length === 0,
    "money adds up to the paisa",
    `captured ₹${(capturedPaise / 100).toFixed(2)} = tickets ₹${(ticketPaise / 100).toFixed(2)} + refunds ₹${(refundPaise / 100).toFixed(2)} + fees kept on cancellations ₹${(keptOnCancel / 100).toFixed(2)}${balanced ? "" : ` (off by ${capturedPaise - ticketPaise - refundPaise - keptOnCancel} paise)`}`,
  );

  // 4. No payment captured for a booking that lost its seats (capture only after D1 confirmed them).
  const lost = bookings.filter((b) => b.confirmed_at === null);
  const capturedForLost = captured.filter((p) => byOrder.get(p.order).confirmed_at === null);
  verdict(capturedForLost.length === 0, "no payment captured for a booking that lost its seats", `${lost.length} bookings never confirmed, ${capturedForLost.length} of them captured`);

  // 5. No fan charged twice: per booking, at most one payment keeps money.
  const keeps = new Map();
  for (const p of captured) {
    if (p.amount - refundedOf(p.id) > 0) keeps.set(p.order, (keeps.get(p.order) ?? 0) + 1);
  }
  const chargedTwice = [...keeps.values()].filter((n) => n > 1).length;
  const paidTwice = [...new Set(ours.filter((p) => p.status !== "failed").map((p) => p.order))].filter((o) => ours.filter((p) => p.order === o && p.status !== "failed").length > 1).length;
  verdict(chargedTwice === 0, "no fan charged twice", `${paidTwice} bookings paid more than once, ${chargedTwice} charged more than once`);

  // 6. No booking left pending past its hold plus one reconciliation period.
  const pending = bookings.filter((b) => b.status === "PENDING_PAYMENT" || b.status === "REFUND_PENDING");
  // How long past its hold + the grace an expired booking waited for the cron (restarts included).
  const waits = bookings.filter((b) => b.status === "EXPIRED" && b.hold_expires_at).map((b) => b.updated_at - b.hold_expires_at - limits.graceMs);
  const worst = waits.length ? Math.max(0, ...waits) / 1000 : 0;
  verdict(
    pending.length === 0,
    "no booking left pending",
    `${bookings.length} bookings: ${status("CONFIRMED")} confirmed, ${status("CANCELLED")} cancelled, ${status("EXPIRED")} expired, ${status("FAILED")} failed, ${status("REFUNDED")} refunded, ${pending.length} still pending; an unpaid booking expired at most ${worst.toFixed(0)} s after its hold + grace`,
  );

  // 7. Every confirmed booking has exactly one confirmation email delivered; none twice.
  const mails = db.all("SELECT idempotency_key AS k, \"to\" AS recipient, subject FROM dev_mailbox WHERE idempotency_key LIKE 'booking_confirmed:%'");
  const mailCount = new Map();
  for (const m of mails) {
    const id = m.k.slice("booking_confirmed:".length).split(":")[0];
    if (byId.has(id)) mailCount.set(id, (mailCount.get(id) ?? 0) + 1);
  }
  // A booking cancelled before its confirmation went out gets none (the consumer skips it rather than
  // mail a dead ticket, ADR 011): it may have one or none, never two.
  const confirmedNow = bookings.filter((b) => b.status === "CONFIRMED");
  const cancelledUnmailed = bookings.filter((b) => b.status === "CANCELLED" && !mailCount.has(b.id)).length;
  const missing = confirmedNow.filter((b) => !mailCount.has(b.id)).length;
  const dup = [...mailCount.values()].filter((n) => n > 1).length;
  const stray = [...mailCount.keys()].filter((id) => byId.get(id).confirmed_at === null).length;
  verdict(
    missing === 0 && dup === 0 && stray === 0,
    "one confirmation email per confirmed booking",
    `${confirmedNow.length} confirmed, ${mailCount.size} emailed, ${missing} missing, ${dup} twice, ${stray} for unconfirmed bookings (${cancelledUnmailed} cancelled before theirs went out)`,
  );

  // 8. No hold alive past its hard deadline (the hold ceiling from the fan's first hold).
  const late = holdSamples.filter((h) => h.expiresAt > h.createdAt + limits.ceilingMs || h.seenAt > h.expiresAt + 1000);
  verdict(late.length === 0, "no hold alive past its hard deadline", `${holdSamples.length} live holds sampled, ${late.length} past ${limits.ceilingMs / 1000}s from their start or seen after expiry`);

  // 9. No seat stuck held once the sale is quiet.
  const held = Object.values(seatMaps).reduce((n, map) => n + Object.values(map.seats).filter((s) => s === "held").length, 0);
  const holdsLeft = Object.values(seatMaps).reduce((n, map) => n + map.holds.length, 0);
  verdict(held === 0 && holdsLeft === 0, "no seat stuck held after quiet", `${held} seats held, ${holdsLeft} holds alive`);

  return { lines, ok: lines.every((l) => l.ok), confirmed: status("CONFIRMED") + status("CANCELLED"), bookings: bookings.length, captured: captured.length };
}
