// On-sale night (`npm run bench -- queue`): 20,000 verified fans with ready sessions ARRIVE at one
// waiting room within 10 s (an open-loop arrival schedule, bounded in-flight requests, loopback
// only). Some arrive before opening (the pre-queue, drawn at opening); the rest are first come,
// first served. While the crowd polls its status, admitted fans hold seats with their admission
// token; then the crowd goes quiet and the same fans hold at the same rate (the uncrowded p99).
// The platform's own ceiling (bench/ceiling.mjs: bare Worker → DO → SQLite write) takes the same
// schedule from the same load generator in the same run, and the room object's serial capacity is
// timed from inside workerd, so the figures say where the limit is. The room's storage is audited
// at the end: every fan placed, places 1..N, admissions a prefix in place order.
// Two Marquee processes (bench/run.mjs) share their objects through Miniflare's dev registry: the
// crowd front (Worker + room) takes the joins and polls, the seat front runs the seat object. On
// Cloudflare the crowd's Workers never share the seat object's thread; in one workerd they would,
// so admitted fans hold through both fronts and both are reported. Where there are two cores or more
// the seat front has the last one to itself (bench/cores.mjs), as the seat object has on Cloudflare.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { holdThroughput, percentile } from "./load.mjs";
import { botPass, fanStatements } from "./setup.mjs";
import { CROWD_CORES, pin, SEAT_CORES, threadIds } from "./cores.mjs";

const FANS = Number(process.env.BENCH_FANS ?? 20_000);
const ARRIVAL_MS = Number(process.env.BENCH_ARRIVAL_MS ?? 10_000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 256);
/** Fans arriving in the first PRE_QUEUE_MS join before opening. */
const PRE_QUEUE_MS = 2_000;
const RATE_PER_MINUTE = 300;
const HOLDS_PER_SECOND = 20;
const HOLDERS = 100;
const UNCROWDED_MS = 20_000;

/**
 * Bench-only Worker entry (never deployed), main module in front of the counting entry: a room
 * that can be audited and skewed, a bare SQLite-write object, and /__bench/* calls that open a
 * room as openRoom does (D1 row, the room, the seat object's gate) and fire joins at the room from inside workerd.
 */
export const ROOM_BENCH_ENTRY = `
import { DurableObject } from "cloudflare:workers";
import app, { WaitingRoom as AppWaitingRoom } from "./counting-entry.js";
export * from "./counting-entry.js";

export class WaitingRoom extends AppWaitingRoom {
  benchAudit() {
    const rows = this.ctx.storage.sql.exec("SELECT seq, admitted_at AS admittedAt FROM fans ORDER BY seq IS NULL, seq").toArray();
    let unplaced = 0, gaps = 0, admitted = 0, admittedAfterWaiting = 0, admittedAtBackwards = 0, lastAt = 0, sawWaiting = false;
    rows.forEach((r, k) => {
      if (r.seq === null) { unplaced++; return; }
      if (r.seq !== k + 1) gaps++;
      if (r.admittedAt === null) { sawWaiting = true; return; }
      admitted++;
      if (sawWaiting) admittedAfterWaiting++;
      if (r.admittedAt < lastAt) admittedAtBackwards++;
      lastAt = r.admittedAt;
    });
    return { fans: rows.length, unplaced, gaps, admitted, admittedAfterWaiting, admittedAtBackwards, seatObjectCalls: this.benchSeatCalls ?? 0 };
  }
  benchSkew(ms) { this.clockSkewMs += ms; }
  // Fans' calls that reached the room: a poll answered from a place pass and the Worker's copy of the summary does not.
  visit(userId, opts) { this.benchVisits = (this.benchVisits ?? 0) + 1; return super.visit(userId, opts); }
  summary() { this.benchSummaries = (this.benchSummaries ?? 0) + 1; return super.summary(); }
  benchCalls() { return { visits: this.benchVisits ?? 0, summaries: this.benchSummaries ?? 0 }; }
  // Counts the room's calls to the seat object (one per AVAILABILITY_TTL_MS at most, however big the crowd).
  freeSeats(state, now) {
    const r = super.freeSeats(state, now);
    if (typeof r !== "number" && r !== this.benchLastAsk) { this.benchLastAsk = r; this.benchSeatCalls = (this.benchSeatCalls ?? 0) + 1; }
    return r;
  }
}

export class BenchRows extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS rows (user_key TEXT PRIMARY KEY, at INTEGER NOT NULL)");
  }
  write(userKey) {
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO rows (user_key, at) VALUES (?, ?)", userKey, Date.now());
    return { ok: true };
  }
}

async function fire(from, to, inFlight, call) {
  let next = from;
  await Promise.all(Array.from({ length: inFlight }, async () => { while (next < to) await call(next++); }));
}

export default {
  ...app,
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.headers.has("X-Bench-Time")) {
      // How long the Worker and the seat object took, as the server's clock saw it (it advances at
      // each I/O): the hold's latency without the client's or the kernel's scheduling around it.
      const t0 = performance.now();
      const res = await app.fetch(request, env, ctx);
      const out = new Response(res.body, res);
      out.headers.set("X-Bench-Served-Ms", String(performance.now() - t0));
      return out;
    }
    if (!url.pathname.startsWith("/__bench/")) return app.fetch(request, env, ctx);
    const q = Object.fromEntries(url.searchParams);
    const room = env.WAITING_ROOM.getByName(q.room ?? q.showtimeId);
    switch (url.pathname) {
      case "/__bench/open": {
        const opensAt = Number(q.opensAt), rate = Number(q.rate), now = Date.now();
        await env.DB.prepare("INSERT INTO waiting_rooms (showtime_id, opens_at, admit_per_minute, status, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT (showtime_id) DO UPDATE SET opens_at = excluded.opens_at, admit_per_minute = excluded.admit_per_minute, status = 'ACTIVE'").bind(q.showtimeId, opensAt, rate, now, now).run();
        const stats = await room.configure({ showtimeId: q.showtimeId, opensAt, ratePerMinute: rate });
        await env.SHOWTIME_SEATS.getByName(q.showtimeId).setRoomGate(stats.opensAt);
        return Response.json(stats);
      }
      case "/__bench/configure":
        return Response.json(await room.configure({ showtimeId: q.showtimeId, opensAt: Number(q.opensAt), ratePerMinute: Number(q.rate) }));
      case "/__bench/availability":
        return Response.json(await env.SHOWTIME_SEATS.getByName(q.showtimeId).availability());
      case "/__bench/stats":
        return Response.json(await room.stats());
      case "/__bench/audit":
        return Response.json(await room.benchAudit());
      case "/__bench/calls":
        return Response.json(await room.benchCalls());
      case "/__bench/skew":
        await room.benchSkew(Number(q.ms));
        return Response.json({ ok: true });
      case "/__bench/draw":
        return Response.json(await room.status("nobody"));
      case "/__bench/joins": {
        // Joins (or bare writes) fired at one object from inside workerd: no HTTP, no session, no router.
        const rows = env.BENCH_ROWS.getByName(q.room);
        const call = {
          rows: (i) => rows.write(q.prefix + i),
          join: (i) => room.join(q.prefix + i),
        }[q.kind];
        await fire(Number(q.from), Number(q.to), Number(q.inFlight), call);
        return Response.json({ ok: true });
      }
    }
    return new Response("unknown bench call", { status: 404 });
  },
};
`;

export const benchDurableObjects = { BENCH_ROWS: { className: "BenchRows", useSQLite: true } };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const progress = (what) => process.stderr.write(`  [on-sale ${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const round = (x, d = 1) => +x.toFixed(d);

async function benchCall(base, call, params) {
  const res = await fetch(`${base}/__bench/${call}?${new URLSearchParams(params)}`, { method: "POST" });
  if (!res.ok) throw new Error(`bench call ${call}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * The open-loop load generator: request i is due at i·spreadMs/n from the start, whatever the
 * answers so far; at most `inFlight` are outstanding (a due request waits for a slot, and that
 * wait counts in its latency from arrival). Same code for Marquee and for the ceiling.
 */
export async function openLoop({ n, spreadMs, inFlight, send, onAnswer = () => {} }) {
  const results = new Array(n);
  const start = performance.now();
  let next = 0;
  let outstanding = 0;
  let finished = 0;
  let timer = null;
  await new Promise((resolveAll) => {
    const pump = () => {
      const now = performance.now() - start;
      while (next < n && outstanding < inFlight && (next * spreadMs) / n <= now) {
        const i = next++;
        const due = (i * spreadMs) / n;
        const sent = performance.now() - start;
        outstanding++;
        send(i)
          .then(
            (r) => (results[i] = { ...r, due, sent, done: performance.now() - start }),
            (e) => (results[i] = { status: 0, error: String(e), due, sent, done: performance.now() - start }),
          )
          .then(() => onAnswer(i, results[i]))
          .finally(() => {
            outstanding--;
            if (++finished === n) resolveAll();
            else pump();
          });
      }
      if (next < n && outstanding < inFlight && !timer) {
        timer = setTimeout(() => {
          timer = null;
          pump();
        }, Math.max(0, (next * spreadMs) / n - now));
      }
    };
    pump();
  });
  const ok = results.filter((r) => r.status >= 200 && r.status < 300);
  const service = ok.map((r) => r.done - r.sent).sort((a, b) => a - b);
  const fromArrival = ok.map((r) => r.done - r.due).sort((a, b) => a - b);
  const lastMs = Math.max(...results.map((r) => r.done));
  return {
    results,
    summary: {
      requests: n,
      errors: n - ok.length,
      offeredPerSecond: Math.round(n / (spreadMs / 1000)),
      achievedPerSecond: Math.round(ok.length / (lastMs / 1000)),
      lastAnsweredSeconds: round(lastMs / 1000, 2),
      p50: round(percentile(service, 50)),
      p99: round(percentile(service, 99)),
      fromArrivalP50: round(percentile(fromArrival, 50)),
      fromArrivalP99: round(percentile(fromArrival, 99)),
    },
  };
}

/** Closed loop: each of `inFlight` workers takes the next item until none are left. */
async function sweep(items, inFlight, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, async () => { while (next < items.length) await fn(items[next++]); }));
}

async function json(res) {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text.slice(0, 200) };
  }
}

/** Spearman's rank correlation of two equal-length lists of distinct numbers. */
function spearman(xs, ys) {
  const rank = (v) => {
    const order = v.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
    const r = new Array(v.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const n = xs.length;
  const d2 = rx.reduce((sum, r, i) => sum + (r - ry[i]) ** 2, 0);
  return n > 1 ? 1 - (6 * d2) / (n * (n * n - 1)) : 0;
}

/**
 * Holds at a fixed rate from a thread of their own (bench/hold-loop.mjs), so the crowd generator's
 * event-loop lag stays out of the hold latencies; `pool` is fed as fans are admitted. `sent` counts
 * the requests the loop has sent (shared memory, read at any time).
 */
function holdLoop({ base, showtimeId, bot, perSecond, cores }) {
  const sent = new Int32Array(new SharedArrayBuffer(4));
  const before = threadIds();
  const thread = new Worker(new URL("./hold-loop.mjs", import.meta.url), { workerData: { base, showtimeId, bot, perSecond, sent } });
  // The loop's own threads run where its server does (bench/cores.mjs).
  const ready = new Promise((resolve) => thread.once("online", resolve)).then(() => {
    for (const tid of threadIds()) if (!before.has(tid)) pin(tid, cores, { allThreads: false });
  });
  const result = new Promise((resolve, reject) => {
    thread.once("message", resolve);
    thread.once("error", reject);
  });
  return {
    ready,
    sent: () => Atomics.load(sent, 0),
    add: (fan) => thread.postMessage({ type: "fan", fan }),
    setPhase: (phase) => thread.postMessage({ type: "phase", phase }),
    async stop() {
      thread.postMessage({ type: "stop" });
      const r = await result;
      await thread.terminate();
      return r;
    },
  };
}

/**
 * The room object's own serial capacity, from inside workerd, next to a bare SQLite-write object's.
 * The two are interleaved in rounds, so a neighbour's burst on this shared box lands on both rather
 * than on one.
 */
async function serialCapacity(base, showtimeId) {
  const rounds = 4;
  const chunks = 8;
  const perRound = Math.ceil(FANS / rounds);
  const seconds = { join: 0, rows: 0 };
  const now = Date.now();
  await benchCall(base, "configure", { room: "serial-open", showtimeId, opensAt: now - 1000, rate: RATE_PER_MINUTE });
  await benchCall(base, "configure", { room: "serial-draw", showtimeId, opensAt: now + 3_600_000, rate: RATE_PER_MINUTE });
  const time = async (kind, room, from, to) => {
    const per = Math.ceil((to - from) / chunks);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: chunks }, (_, c) =>
      benchCall(base, "joins", { kind, room, showtimeId, prefix: `${kind}-`, from: from + c * per, to: Math.min(to, from + (c + 1) * per), inFlight: Math.ceil(IN_FLIGHT / chunks) })));
    return (performance.now() - t0) / 1000;
  };
  for (let r = 0; r < rounds; r++) {
    const from = r * perRound;
    const to = Math.min(FANS, from + perRound);
    seconds.join += await time("join", "serial-open", from, to);
    seconds.rows += await time("rows", "serial-rows", from, to);
  }
  // The draw: FANS in a pre-queue, then the first call after opening shuffles them all.
  await time("join", "serial-draw", 0, FANS);
  await benchCall(base, "skew", { room: "serial-draw", ms: 3_600_000 });
  const t0 = performance.now();
  await benchCall(base, "draw", { room: "serial-draw" });
  const drawMs = Math.round(performance.now() - t0);
  return {
    fans: FANS,
    joinsPerSecond: Math.round(FANS / seconds.join),
    bareWritesPerSecond: Math.round(FANS / seconds.rows),
    ratioToBareWrite: round(seconds.rows / seconds.join, 2),
    drawMs,
  };
}

/** Requests sent to Marquee (joins, polls, holds), for workerd CPU per request. */
let sentToMarquee = 0;

export async function onSaleNight({ base, seatBase, ceilingBase, answerBase, dbs, showtimes, warmupCookies, cpuMs }) {
  const failures = [];
  // The crowd: FANS verified accounts with live sessions, seeded apart from the other parts' users.
  const stmts = [];
  const { cookies } = await fanStatements(stmts, FANS, `fan-${Date.now().toString(36)}`);
  for (const db of dbs) for (let i = 0; i < stmts.length; i += 500) await db.batch(stmts.slice(i, i + 500).map((s) => db.prepare(s)));
  progress("seeded the crowd");
  const bot = await botPass();
  const showtimeId = showtimes.queue;
  // Each show's seat object is first woken in its own process, by name: a call relayed through the
  // dev registry carries only the object's id, and the object learns its showtime from the name.
  for (const st of [showtimeId, showtimes["queue-warmup"], showtimes["queue-serial"]]) {
    const seats = await benchCall(seatBase, "availability", { showtimeId: st });
    if (seats.total !== SEATS.length) throw new Error(`the seat front does not know show ${st}: ${JSON.stringify(seats)}`);
  }
  // Each fan keeps the place pass the room's answer sets, as a browser would (ADR 026).
  const passes = new Array(FANS).fill(null);
  const keepPass = (i, res) => {
    const pass = res.headers.getSetCookie().find((c) => c.startsWith("marquee_place_"));
    if (pass) passes[i] = pass.split(";")[0];
  };
  const cookieOf = (i) => (passes[i] ? `${cookies[i]}; ${passes[i]}` : cookies[i]);
  const joinOf = (b, st) => (i, list = cookies) => {
    sentToMarquee++;
    return fetch(`${b}/api/queue/${st}`, { method: "POST", headers: { Cookie: list === cookies ? cookieOf(i) : list[i], "Content-Type": "application/json" }, body: "{}" }).then(async (res) => {
      if (list === cookies) keepPass(i, res);
      return { status: res.status, body: await json(res) };
    });
  };
  const ceilingWrite = (i, list = cookies, to = ceilingBase) =>
    fetch(`${to}/api/showtimes/ceiling-queue/holds`, { method: "POST", headers: { Cookie: list[i], "Content-Type": "application/json" }, body: '{"seatIds":["A1"]}' }).then(async (res) => ({ status: res.status, body: await json(res) }));

  // Warm-up (JIT, objects' first load) on rooms of their own, with the other parts' users.
  const warmN = Math.min(2000, warmupCookies.length);
  await benchCall(base, "open", { showtimeId: showtimes["queue-warmup"], opensAt: Date.now() - 1000, rate: RATE_PER_MINUTE });
  await openLoop({ n: warmN, spreadMs: 2000, inFlight: IN_FLIGHT, send: (i) => joinOf(base, showtimes["queue-warmup"])(i, warmupCookies) });
  await openLoop({ n: warmN, spreadMs: 2000, inFlight: IN_FLIGHT, send: (i) => ceilingWrite(i, warmupCookies) });
  await holdThroughput({ base: seatBase, showtimeId: showtimes.warmup, cookies: warmupCookies, clients: 20, durationMs: 1000, seatIds: SEATS.slice(0, 250) });

  progress("warmed up");
  // 1. The ceiling: the same schedule, the same generator, the same cookies.
  const c0 = cpuMs.ceiling();
  const ceiling = (await openLoop({ n: FANS, spreadMs: ARRIVAL_MS, inFlight: IN_FLIGHT, send: (i) => ceilingWrite(i) })).summary;
  ceiling.cpuMsPerRequest = round((cpuMs.ceiling() - c0) / FANS, 2);
  // And the least this box can do for the schedule at all: the Worker answering, no object.
  await openLoop({ n: warmN, spreadMs: 2000, inFlight: IN_FLIGHT, send: (i) => ceilingWrite(i, warmupCookies, answerBase) });
  const answerOnly = (await openLoop({ n: FANS, spreadMs: ARRIVAL_MS, inFlight: IN_FLIGHT, send: (i) => ceilingWrite(i, cookies, answerBase) })).summary;

  progress("ceiling measured");
  // The same admitted fans will hold through both fronts: the crowd's own Worker (one workerd
  // thread with the crowd, as everything shares on this box) and the seat front's (the seat
  // object's process, whose thread the crowd never touches, as on Cloudflare). Idle until fans are admitted.
  // One after the other: each pins the threads that appeared since it started.
  const holds = holdLoop({ base, showtimeId, bot, perSecond: HOLDS_PER_SECOND, cores: CROWD_CORES });
  await holds.ready;
  const seatHolds = holdLoop({ base: seatBase, showtimeId, bot, perSecond: HOLDS_PER_SECOND, cores: SEAT_CORES });
  await seatHolds.ready;
  // 2. Marquee: the room opens PRE_QUEUE_MS after the first fan arrives.
  const opensAt = Date.now() + PRE_QUEUE_MS + 200;
  await benchCall(base, "open", { showtimeId, opensAt, rate: RATE_PER_MINUTE });
  const fanOf = new Map(); // place number → fan index
  const preQueue = new Set();
  const pool = [];
  const loops = [holds, seatHolds];
  const inPool = new Set();
  const admittedSeen = [];
  const note = (i, body) => {
    if (typeof body.number === "number") fanOf.set(body.number, i);
    if (body.state === "admitted" && body.admissionToken && !inPool.has(i)) {
      inPool.add(i);
      admittedSeen.push({ number: body.number, admittedAt: body.admittedAt });
      // Each holder has a seat of its own (no contention noise). A quarter of the show at most: the
      // rest stays on sale, so the room never turns sold out (and stops admitting) mid-measurement.
      if (pool.length < HOLDERS) {
        const fan = { cookie: cookies[i], token: body.admissionToken, seat: SEATS[pool.length] };
        pool.push(fan);
        for (const loop of loops) loop.add(fan);
      }
    }
  };
  const poll = async (i) => {
    sentToMarquee++;
    const res = await fetch(`${base}/api/queue/${showtimeId}`, { headers: { Cookie: cookieOf(i) } });
    keepPass(i, res);
    const body = await json(res);
    if (res.status === 200) note(i, body);
    return { status: res.status, body };
  };

  // Pre-queue fans' pages refresh at opening (as the queue page does), learning their drawn place.
  const preNumbers = new Map();
  let opened = false;
  const refreshPre = async (i) => {
    const r = await poll(i);
    if (typeof r.body.number === "number") preNumbers.set(i, r.body.number);
  };
  const lateRefreshes = [];
  const watcher = watchAdmissions({ base, showtimeId, fanOf, inPool, poll });
  // The load generator's own event-loop lag lands in every latency it measures: reported per phase.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const openingRefresh = (async () => {
    await sleep(Math.max(0, opensAt - Date.now() + 50));
    opened = true;
    await sweep([...preQueue], 64, refreshPre);
  })();
  const sentToCrowdFront = () => sentToMarquee + holds.sent();
  const m0 = { cpu: cpuMs.marquee(), sent: sentToCrowdFront() };
  const joins = await openLoop({
    n: FANS,
    spreadMs: ARRIVAL_MS,
    inFlight: IN_FLIGHT,
    send: (i) => joinOf(base, showtimeId)(i),
    onAnswer: (i, r) => {
      if (r.status !== 200) return;
      if (r.body.state === "pre_queue") {
        preQueue.add(i);
        if (opened) lateRefreshes.push(refreshPre(i));
      } else note(i, r.body);
    },
  });
  await openingRefresh;
  await Promise.all(lateRefreshes);
  // Per request of every kind sent meanwhile (the joins, the pre-queue's refresh, admitted fans' holds).
  joins.summary.cpuMsPerRequest = round((cpuMs.marquee() - m0.cpu) / (sentToCrowdFront() - m0.sent), 2);
  const placedAtJoin = joins.results.filter((r) => r.status === 200 && ["pre_queue", "waiting", "admitted"].includes(r.body.state)).length;

  progress("joins done");
  // 3. The crowd polls: every fan asks for their place once more while admitted fans hold seats.
  const statsOf = () => benchCall(base, "stats", { showtimeId });
  const w0 = { at: performance.now(), stats: await statsOf() };
  const calls0 = await benchCall(base, "calls", { showtimeId });
  const pollStart = performance.now();
  let polls = 0;
  await sweep(Array.from({ length: FANS }, (_, i) => i), 128, async (i) => {
    await poll(i);
    polls++;
  });
  const pollSeconds = (performance.now() - pollStart) / 1000;
  const calls1 = await benchCall(base, "calls", { showtimeId });
  progress("crowd polled");
  // 4. The crowd goes quiet: the same fans hold at the same rate.
  holds.setPhase("uncrowded");
  seatHolds.setPhase("uncrowded");
  const crowdedLagP99 = round(lag.percentile(99) / 1e6);
  lag.reset();
  await sleep(UNCROWDED_MS);
  const w1 = { at: performance.now(), stats: await statsOf() };
  const holdLatency = await holds.stop();
  const seatFrontLatency = await seatHolds.stop();
  const generatorLagP99 = { crowded: crowdedLagP99, uncrowded: round(lag.percentile(99) / 1e6) };
  lag.disable();
  await watcher.stop();

  const windowMin = (w1.at - w0.at) / 60_000;
  const admittedRate = (w1.stats.admitted - w0.stats.admitted) / windowMin;
  const audit = await benchCall(base, "audit", { showtimeId });
  const preList = [...preNumbers.entries()];
  const preSorted = preList.map(([, n]) => n).sort((a, b) => a - b);
  const observedBackwards = admittedSeen.sort((a, b) => a.number - b.number).filter((a, k, all) => k > 0 && a.admittedAt < all[k - 1].admittedAt).length;
  progress("audited");
  const serial = await serialCapacity(base, showtimes["queue-serial"]);

  const result = {
    fans: FANS,
    arrivalSeconds: ARRIVAL_MS / 1000,
    inFlight: IN_FLIGHT,
    ceiling,
    answerOnly,
    joins: { ...joins.summary, ratioToCeiling: round(joins.summary.achievedPerSecond / ceiling.achievedPerSecond, 2), placedAtJoin },
    preQueue: { fans: preQueue.size, placesAreOneToP: preSorted.every((n, k) => n === k + 1) && preSorted.length === preQueue.size, arrivalVsPlaceCorrelation: round(spearman(preList.map(([i]) => i), preList.map(([, n]) => n)), 3) },
    crowdPolls: { polls, perSecond: Math.round(polls / pollSeconds), roomVisits: calls1.visits - calls0.visits, roomSummaries: calls1.summaries - calls0.summaries },
    admissions: { configuredPerMinute: RATE_PER_MINUTE, measuredPerMinute: round(admittedRate), windowSeconds: round(windowMin * 60), withinTenPercent: Math.abs(admittedRate - RATE_PER_MINUTE) <= RATE_PER_MINUTE * 0.1 },
    audit: { ...audit, admittedAtBackwardsSeenByFans: observedBackwards },
    holds: holdLatency,
    seatFrontHolds: seatFrontLatency,
    generatorLagP99,
    serial,
  };
  if (placedAtJoin !== FANS || audit.unplaced || audit.fans !== FANS) failures.push(`on-sale: ${FANS - placedAtJoin} fans got no place at join (${audit.unplaced} unplaced in the room)`);
  if (audit.gaps) failures.push(`on-sale: places are not 1..N (${audit.gaps} out of step)`);
  if (audit.admittedAfterWaiting || audit.admittedAtBackwards || observedBackwards) failures.push("on-sale: a fan was admitted out of order");
  if (!result.preQueue.placesAreOneToP) failures.push("on-sale: pre-queue fans are not the first places");
  if (!result.admissions.withinTenPercent) failures.push(`on-sale: admitted ${result.admissions.measuredPerMinute}/min against ${RATE_PER_MINUTE}/min configured`);
  return { result, failures };
}

/** The 400-seat bench screen's seats, row by row. */
const SEATS = [..."ABCDEFGHIJKLMNOPQRST"].flatMap((r) => Array.from({ length: 20 }, (_, n) => `${r}${n + 1}`));

/** As the room admits, the admitted fans (known by place) refresh their page and get their token. */
function watchAdmissions({ base, showtimeId, fanOf, inPool, poll }) {
  let stop = false;
  let checked = 0;
  const done = (async () => {
    while (!stop) {
      const stats = await benchCall(base, "stats", { showtimeId });
      const due = [];
      for (let n = checked + 1; n <= stats.admitted; n++) {
        const i = fanOf.get(n);
        if (i === undefined) break; // not yet known: ask again next round
        if (!inPool.has(i)) due.push(i);
        checked = n;
      }
      await sweep(due, 8, poll);
      await sleep(250);
    }
  })();
  return {
    async stop() {
      stop = true;
      await done;
    },
  };
}
