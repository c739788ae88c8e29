// `npm run chaos`: an on-sale night while things break (issue 26, ADR 028). Starts Marquee through
// `node scripts/start.mjs` on a port of its own with fault switches set (CHAOS), lets a few hundred
// fans hold, pay, fail, retry, cancel and abandon across several shows (some behind a waiting room),
// SIGKILLs the whole server process group mid-sale and starts it again on the same local state,
// evicts seat objects, then heals (a last restart without faults) and triggers the cron as the
// platform would until nothing is moving. tests/chaos/check.mjs then judges the final state.
// Loopback only; bounded in fans and time. `CHAOS_PROFILE=ci` (or `--short`) is the CI run.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importTs } from "../../scripts/load-ts.mjs";
import { Client, parse, sleep } from "./http.mjs";
import { judge, localD1Path, openD1, unsettled } from "./check.mjs";

const PROFILES = {
  // Every fault kind at least once, one restart mid-sale, a few minutes on a loaded 2-core box.
  ci: { fans: 60, shows: 3, roomShows: 1, rows: 5, cols: 8, saleSeconds: 40, restarts: 1, evictEverySeconds: 8, holdTtl: 30, grace: 10, quietTimeoutSeconds: 240, roomRate: 240 },
  full: { fans: 300, shows: 5, roomShows: 2, rows: 8, cols: 10, saleSeconds: 150, restarts: 2, evictEverySeconds: 8, holdTtl: 45, grace: 15, quietTimeoutSeconds: 420, roomRate: 240 },
};
const profileName = process.argv.includes("--short") ? "ci" : (process.env.CHAOS_PROFILE ?? "full");
const P = { ...PROFILES[profileName] };
if (!P.shows) throw new Error(`unknown CHAOS_PROFILE ${profileName}`);
if (process.env.CHAOS_FANS) P.fans = Number(process.env.CHAOS_FANS);

/** Shares of calls each fault hits (app/utils/chaos.server.ts). The CI run's are higher, so every kind shows up with fewer fans. */
const RATES = {
  ci: "gateway_5xx=0.08,gateway_timeout=0.1,gateway_slow=0.08,webhook_delay=0.12,webhook_duplicate=0.12,webhook_reorder=0.4,webhook_drop=0.1,email_5xx=0.15,email_429=0.15,d1_error=0.01,callback_skip=0.2",
  full: "gateway_5xx=0.05,gateway_timeout=0.03,gateway_slow=0.05,webhook_delay=0.08,webhook_duplicate=0.08,webhook_reorder=0.3,webhook_drop=0.06,email_5xx=0.08,email_429=0.08,d1_error=0.005,callback_skip=0.12",
};
const CHAOS = process.env.CHAOS ?? RATES[profileName];
const PORT = process.env.CHAOS_PORT ?? "8930";
const BASE = `http://127.0.0.1:${PORT}`;
const HOLD_CEILING_SECONDS = 900;
/** The cron as `wrangler dev` serves it to the platform's scheduler. */
const CRON_URL = `${BASE}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/5 * * * *")}`;
const stamp = Date.now().toString(36);
const t0 = Date.now();
const since = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (msg) => console.log(`[chaos ${since()}s] ${msg}`);

// ── the server, started and killed as a whole process group ─────────────────────────────────────

const faults = new Map();
let serverLog = "";
let server = null;
let healed = false;
const count = (kind, n = 1) => faults.set(kind, (faults.get(kind) ?? 0) + n);

function startServer({ withFaults }) {
  const env = {
    ...process.env,
    PORT,
    INSPECTOR_PORT: String(Number(PORT) + 1),
    WRANGLER_SEND_METRICS: "false",
    HOLD_TTL_SECONDS: String(P.holdTtl),
    HOLD_COOLDOWN_SECONDS: "1",
    RECONCILE_GRACE_SECONDS: String(P.grace),
    CHAOS: withFaults ? CHAOS : "",
  };
  // start.mjs migrates and seeds (idempotent) and serves; it builds only when there is no build yet.
  const args = ["scripts/start.mjs", ...(existsSync("build") ? ["--no-build"] : [])];
  const proc = spawn("node", args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let partial = "";
  const onData = (d) => {
    const text = partial + d.toString();
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      const m = /"event":"chaos\.fault","kind":"([a-z0-9_]+)"/.exec(line);
      if (m && !healed) {
        count(m[1]);
      }
      if (!m) serverLog = (serverLog + line + "\n").slice(-20_000);
    }
  };
  proc.stdout.on("data", onData);
  proc.stderr.on("data", onData);
  server = proc;
  return proc;
}

async function waitUp(proc) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`the server exited early:\n${serverLog.slice(-3000)}`);
    try {
      const res = await fetch(`${BASE}/`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`the server did not come up on ${BASE}:\n${serverLog.slice(-3000)}`);
}

async function killServer(signal = "SIGKILL") {
  const proc = server;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // already gone
  }
  await Promise.race([exited, sleep(10_000)]);
  // The port is free once the group is gone.
  for (let i = 0; i < 40; i++) {
    try {
      await fetch(`${BASE}/`, { signal: AbortSignal.timeout(500) });
      await sleep(250);
    } catch {
      return;
    }
  }
}

async function restart({ withFaults }) {
  const down = Date.now();
  await killServer("SIGKILL");
  count("process_kill");
  const proc = startServer({ withFaults });
  await waitUp(proc);
  log(`server killed (SIGKILL to its process group) and back in ${((Date.now() - down) / 1000).toFixed(1)} s${withFaults ? "" : " without faults (healed)"}`);
}

// ── data: shows of the run's own and fans with ready sessions ───────────────────────────────────

const q = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

function d1File(sql) {
  const dir = mkdtempSync(path.join(tmpdir(), "marquee-chaos-"));
  const file = path.join(dir, "setup.sql");
  writeFileSync(file, sql);
  try {
    execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--file", file], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function setUp() {
  const secret = /^SESSION_SECRET="?([^"\n]+)"?/m.exec(readFileSync(".dev.vars", "utf8"))?.[1];
  if (!secret) throw new Error(".dev.vars has no SESSION_SECRET");
  const { signSessionClaim } = await importTs("app/auth/session-claim.server.ts");
  const { localPassToken } = await importTs("app/auth/bot-check.server.ts");
  const now = Date.now();
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const layout = {
    categories: [{ code: "CLASSIC", name: "Classic" }],
    rows: Array.from({ length: P.rows }, (_, r) => ({ label: letters[r], category: "CLASSIC", cells: Array.from({ length: P.cols }, (_, i) => ({ n: i + 1, type: "standard" })) })),
  };
  const screenId = `scr-chaos-${P.rows}x${P.cols}`;
  const stmts = [
    `INSERT OR IGNORE INTO screens (id, cinema_id, name, layout, seat_count) VALUES (${q(screenId)}, 'cin-mum-regal', 'Chaos ${P.rows * P.cols}', ${q(JSON.stringify(layout))}, ${P.rows * P.cols});`,
  ];
  const shows = [];
  for (let i = 0; i < P.shows; i++) {
    const id = `st-chaos-${stamp}-${i}`;
    // Tomorrow, a minute apart on the same screen only in name: these shows never overlap a real one.
    stmts.push(
      `INSERT INTO showtimes (id, movie_id, screen_id, starts_at, format, language, prices, status) VALUES (${q(id)}, 'mov-orbit-zero', ${q(screenId)}, ${now + 86_400_000 + i * 4 * 3_600_000}, '2D', 'English', '{"CLASSIC":${15000 + i * 2500}}', 'SCHEDULED');`,
    );
    shows.push({ id, room: i < P.roomShows, weight: i < P.roomShows ? 2 : 1, seatIds: layout.rows.flatMap((r) => r.cells.map((c) => `${r.label}${c.n}`)) });
  }
  const cookies = [];
  const expiresAt = now + 86_400_000;
  const user = async (userId, email, role) => {
    const sessionId = randomUUID();
    stmts.push(`INSERT INTO users (id, email, name, password_hash, role, email_verified_at, created_at) VALUES (${q(userId)}, ${q(email)}, 'Chaos fan', 'x', ${q(role)}, ${now}, ${now});`);
    stmts.push(`INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (${q(sessionId)}, ${q(userId)}, ${expiresAt}, ${now});`);
    return `marquee_session=${encodeURIComponent(await signSessionClaim({ SESSION_SECRET: secret }, { sessionId, userId, verified: true, expiresAt }))}`;
  };
  for (let i = 0; i < P.fans; i++) cookies.push(await user(`usr-chaos-${stamp}-${i}`, `chaos-${stamp}-${i}@example.com`, "customer"));
  const admin = await user(`usr-chaos-${stamp}-admin`, `chaos-${stamp}-admin@example.com`, "admin");
  d1File(stmts.join("\n"));
  // The local bot check's pass, signed as the app signs it (app/utils/keys.server.ts).
  const botPass = await localPassToken({ config: { SESSION_SECRET: secret, APP_ENV: "development" } });
  return { shows, cookies, admin, botPass };
}

/** Opens a show's waiting room through the console, as an operator would, opening a minute ago. */
async function openRoom(adminCookie, showtimeId) {
  const admin = new Client(BASE, "admin", adminCookie);
  await admin.page(`/admin/queues/${showtimeId}`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(Date.now() - 60_000))
      .map((p) => [p.type, p.value]),
  );
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await admin.form(`/admin/queues/${showtimeId}`, { intent: "open", date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, rate: String(P.roomRate) });
    if (res.status < 400) return;
    await sleep(1000);
  }
  throw new Error(`could not open the waiting room of ${showtimeId}`);
}

// ── fans ─────────────────────────────────────────────────────────────────────────────────────────

const tally = new Map();
const note = (what) => tally.set(what, (tally.get(what) ?? 0) + 1);
const chance = (p) => Math.random() < p;
const pickShow = (shows) => {
  const total = shows.reduce((n, s) => n + s.weight, 0);
  let r = Math.random() * total;
  for (const s of shows) if ((r -= s.weight) < 0) return s;
  return shows[0];
};

async function admitted(c, show, saleEnds) {
  let res = await c.json(`/api/queue/${show.id}`, "POST", {});
  // A fan in line keeps waiting a little past the sale's end (a restart may have held the line up).
  while (Date.now() < saleEnds + 20_000) {
    const body = parse(res);
    if (body?.state === "admitted" && body.admissionToken) return body.admissionToken;
    if (body?.state === "sold_out" || body?.state === "closed") return null;
    await sleep(Math.min(3000, Math.max(1000, (body?.pollAfterSeconds ?? 1) * 1000)));
    res = await c.fetch(`/api/queue/${show.id}`);
  }
  return null;
}

/** Up to `tries` attempts of `step` while it answers 5xx or nothing (a fan pressing retry). */
async function retrying(step, tries = 4) {
  let last;
  for (let i = 0; i < tries; i++) {
    try {
      last = await step();
      if (last.status < 500) return last;
    } catch (error) {
      last = { status: 0, text: String(error), headers: new Headers() };
    }
    note("fan_retries");
    await sleep(800 + Math.random() * 1500);
  }
  return last;
}

async function fan(i, cookie, shows, saleEnds, botPass) {
  const c = new Client(BASE, `fan-${i}`, cookie);
  const show = pickShow(shows);
  const headers = {};
  if (show.room) {
    const token = await admitted(c, show, saleEnds);
    if (!token) return note("not_admitted_in_time");
    note("admitted_from_room");
    headers["X-Admission-Token"] = token;
    headers["CF-Turnstile-Response"] = botPass;
  }
  // Hold: look at the map, pick 1–3 free seats, try again with others when someone was faster.
  let hold = null;
  for (let attempt = 0; attempt < 4 && !hold && Date.now() < saleEnds; attempt++) {
    const map = parse(await retrying(() => c.fetch(`/api/showtimes/${show.id}/seats`)));
    if (!map?.seats) {
      note("no_seat_map");
      await sleep(1000);
      continue;
    }
    // The map lists only seats that are not available.
    const free = show.seatIds.filter((id) => (map.seats[id] ?? "available") === "available");
    if (!free.length) {
      note("found_sold_out");
      return;
    }
    const want = 1 + Math.floor(Math.random() * 3);
    const seatIds = free.sort(() => Math.random() - 0.5).slice(0, want);
    const res = await retrying(() => c.json(`/api/showtimes/${show.id}/holds`, "POST", { seatIds }, headers));
    if (res.status === 201) hold = { ...parse(res), seatIds };
    else {
      note(res.status === 409 ? "hold_lost_race" : `hold_refused_${res.status}`);
      await sleep(500 + Math.random() * 1000);
    }
  }
  if (!hold) return note("gave_up_without_hold");
  note("held");
  if (chance(0.1)) return note("abandoned_hold");
  if (chance(0.08)) {
    await retrying(() => c.fetch(`/api/showtimes/${show.id}/holds/${hold.holdId}`, { method: "DELETE" }));
    return note("released_hold");
  }
  await sleep(500 + Math.random() * 3000);

  // Booking + order (the gateway may fail: the fan presses the button again).
  await c.page(`/showtimes/${show.id}/summary`);
  let bookingId = null;
  let refusal = "";
  for (let attempt = 0; attempt < 4 && !bookingId; attempt++) {
    const res = await retrying(() => c.form(`/showtimes/${show.id}/pay`, { holdId: hold.holdId }));
    const location = res.headers?.get("Location") ?? "";
    bookingId = /\/bookings\/([^/]+)\/pay/.exec(location)?.[1] ?? null;
    // Sent back to the show with a notice (the hold lapsed, often while the server was down): no retry helps.
    const notice = /notice=([a-z_]+)/.exec(location)?.[1];
    if (notice) return note(`hold_gone_before_paying_${notice}`);
    refusal = `${res.status}`;
    if (!bookingId) await sleep(1000);
  }
  if (!bookingId) return note(`no_booking_${refusal}`);
  let order = null;
  let payPage = 0;
  for (let attempt = 0; attempt < 4 && !order; attempt++) {
    const res = await retrying(() => c.page(`/bookings/${bookingId}/pay`));
    payPage = res.status;
    // Sent on to the booking (its hold lapsed, often while the server was down): nothing to pay.
    if (res.status === 302 || res.status === 303) return note("booking_closed_before_paying");
    const orderId = /\b(order_[A-Za-z0-9]{6,40})\b/.exec(res.text)?.[1];
    const key = /\b(rzp_(?:test|live)_[A-Za-z0-9]+)\b/.exec(res.text)?.[1];
    if (orderId && key) order = { orderId, key };
    else await sleep(1000);
  }
  if (!order) return note(`no_order_${payPage}`);
  note("ordered");
  if (chance(0.07)) return note("abandoned_at_payment");
  // A slow payer: the bank's page takes longer than the hold. Meanwhile the seats go back on sale and
  // other fans may take them; the payment then arrives for seats this booking no longer has.
  if (chance(0.15)) {
    note("paid_after_hold_lapsed");
    await sleep((P.holdTtl + 3) * 1000);
  }

  const pay = (outcome) => retrying(() => c.json("/dev/razorpay-sandbox/pay", "POST", { key: order.key, order_id: order.orderId, outcome }), 2);
  if (chance(0.2)) {
    await pay("failure");
    note("payment_declined_then_retried");
    await sleep(500 + Math.random() * 1500);
  }
  // Two tabs paying at once now and then: the second payment must never keep the money.
  const payments = await Promise.all(chance(0.05) ? [pay("success"), pay("success")] : [pay("success")]);
  if (payments.length > 1) note("paid_in_two_tabs");
  let confirmed = false;
  for (const res of payments) {
    const paid = parse(res);
    if (res.status !== 200 || !paid?.razorpay_payment_id) {
      note("payment_not_taken");
      continue;
    }
    note("paid");
    if (paid.sandbox_tab_closed) {
      note("tab_closed_after_paying");
      continue;
    }
    const { sandbox_tab_closed: _closed, ...fields } = paid;
    const cb = await retrying(() => c.form(`/bookings/${bookingId}/pay`, { intent: "paid", ...fields }));
    note(`callback_${cb.status}`);
    confirmed ||= cb.status === 302 || cb.status === 303;
  }
  if (confirmed && chance(0.06)) {
    await sleep(1000 + Math.random() * 2000);
    await c.page(`/bookings/${bookingId}`);
    const res = await retrying(() => c.form(`/bookings/${bookingId}`, { intent: "cancel", confirm: "yes" }));
    note(res.status < 400 ? "cancelled_booking" : `cancel_refused_${res.status}`);
  }
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────

const holdSamples = new Map();
async function seatMap(showtimeId) {
  const res = await fetch(`${BASE}/dev/chaos/seats/${showtimeId}`, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`seat object of ${showtimeId} answered ${res.status}`);
  const map = await res.json();
  for (const h of map.holds) holdSamples.set(`${h.holdId}:${h.expiresAt}`, { createdAt: h.createdAt, expiresAt: h.expiresAt, seenAt: map.serverNow });
  return map;
}

async function loop(everyMs, until, fn) {
  while (Date.now() < until()) {
    await sleep(everyMs * (0.5 + Math.random()));
    if (Date.now() >= until()) break;
    try {
      await fn();
    } catch {
      // the server may be down this moment
    }
  }
}

let code = 1;
try {
  log(`profile ${profileName}: ${P.fans} fans, ${P.shows} shows of ${P.rows * P.cols} seats (${P.roomShows} behind a waiting room), ${P.saleSeconds} s sale, ${P.restarts} restart(s) mid-sale; CHAOS=${CHAOS}`);
  await waitUp(startServer({ withFaults: true }));
  log(`Marquee up on ${BASE}`);
  const { shows, cookies, admin, botPass } = await setUp();
  for (const s of shows.filter((s) => s.room)) await openRoom(admin, s.id);
  log(`${shows.length} shows and ${cookies.length} fans ready; the sale opens`);

  const saleStarts = Date.now();
  const saleEnds = saleStarts + P.saleSeconds * 1000;
  let saleOver = false;
  const fans = cookies.map(async (cookie, i) => {
    await sleep(Math.random() * P.saleSeconds * 700);
    try {
      await fan(i, cookie, shows, saleEnds, botPass);
    } catch (error) {
      note("fan_errors");
      if (process.env.CHAOS_VERBOSE) console.error(`fan ${i}:`, error);
    }
  });
  const restarts = (async () => {
    for (let k = 1; k <= P.restarts; k++) {
      await sleep(Math.max(0, saleStarts + (P.saleSeconds * 1000 * k) / (P.restarts + 1) - Date.now()));
      await restart({ withFaults: true });
    }
  })();
  const evictions = loop(P.evictEverySeconds * 1000, () => (saleOver ? 0 : Infinity), async () => {
    const s = shows[Math.floor(Math.random() * shows.length)];
    const res = await fetch(`${BASE}/dev/chaos/evict/${s.id}`, { method: "POST", headers: { Origin: BASE }, signal: AbortSignal.timeout(10_000) });
    if (res.ok && (await res.json()).evicted) {
      count("object_evict");
    }
  });
  // The platform's cron, every 10 s during the sale (production's 5 minutes, scaled to the run).
  const crons = loop(10_000, () => (saleOver ? 0 : Infinity), () => fetch(CRON_URL, { signal: AbortSignal.timeout(60_000) }));
  const sampling = loop(4000, () => (saleOver ? 0 : Infinity), async () => {
    for (const s of shows) await seatMap(s.id);
  });
  await Promise.all([...fans, restarts]);
  saleOver = true;
  await Promise.all([evictions, sampling, crons]);
  log(`sale over after ${((Date.now() - saleStarts) / 1000).toFixed(0)} s: ${[...tally].map(([k, v]) => `${k} ${v}`).join(", ")}`);

  // Heal: the last restart brings the server back without faults; from here, only recovery.
  await restart({ withFaults: false });
  healed = true;
  const healedAt = Date.now();
  const dbPath = localD1Path();
  const quietDeadline = Date.now() + P.quietTimeoutSeconds * 1000;
  let maps = {};
  let left = null;
  while (Date.now() < quietDeadline) {
    // The platform's cron, as `wrangler dev` serves it.
    await fetch(CRON_URL, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
    maps = {};
    for (const s of shows) maps[s.id] = await seatMap(s.id);
    const db = openD1(dbPath);
    left = unsettled(db, shows.map((s) => s.id), maps);
    db.close();
    if (Object.values(left).every((n) => n === 0)) break;
    await sleep(4000);
  }
  const quietAfter = (Date.now() - healedAt) / 1000;
  const quiet = left && Object.values(left).every((n) => n === 0);
  log(quiet ? `quiet ${quietAfter.toFixed(1)} s after the last fault` : `NOT quiet after ${quietAfter.toFixed(0)} s: ${JSON.stringify(left)}`);

  const db = openD1(dbPath);
  const verdict = judge(db, { showtimeIds: shows.map((s) => s.id), seatMaps: maps, holdSamples: [...holdSamples.values()], limits: { ceilingMs: HOLD_CEILING_SECONDS * 1000, graceMs: P.grace * 1000 } });
  db.close();
  for (const line of verdict.lines) console.log(`  ${line.text}`);
  const kinds = ["gateway_5xx", "gateway_timeout", "gateway_slow", "webhook_delay", "webhook_duplicate", "webhook_reorder", "webhook_drop", "email_5xx", "email_429", "d1_error", "callback_skip", "object_evict", "process_kill"];
  const missingKinds = kinds.filter((k) => !faults.get(k));
  const total = [...faults.values()].reduce((a, b) => a + b, 0);
  const held = verdict.lines.filter((l) => l.ok).length;
  const ok = verdict.ok && quiet && missingKinds.length === 0;
  console.log(
    `chaos ${ok ? "PASS" : "FAIL"}: ${P.fans} fans, ${verdict.bookings} bookings, ${verdict.confirmed} purchases, ${verdict.captured} captured payments; ` +
      `${total} faults injected (${kinds.map((k) => `${k} ${faults.get(k) ?? 0}`).join(", ")}); ` +
      `invariants ${held}/${verdict.lines.length} held; ${quiet ? `quiet ${quietAfter.toFixed(1)} s after the last fault` : "never quiet"}` +
      `${missingKinds.length ? `; never injected: ${missingKinds.join(", ")}` : ""}`,
  );
  if (process.env.CHAOS_JSON) {
    writeFileSync(process.env.CHAOS_JSON, JSON.stringify({ profile: profileName, fans: P.fans, bookings: verdict.bookings, purchases: verdict.confirmed, captured: verdict.captured, faults: Object.fromEntries(faults), restarts: faults.get("process_kill") ?? 0, invariants: verdict.lines.map((l) => l.text), quietSeconds: quiet ? quietAfter : null, fanOutcomes: Object.fromEntries(tally), ok }, null, 2));
  }
  code = ok ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  console.error(serverLog.slice(-3000));
} finally {
  await killServer("SIGTERM");
  await killServer("SIGKILL");
}
process.exit(code);
