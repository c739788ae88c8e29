// The on-sale bench: 20,000 simulated fans join one waiting room within 10 s (bounded concurrency,
// loopback only, Miniflare). Checks every fan gets a place, places are 1..N with no gaps or
// repeats, admissions follow the configured rate within ±10 %, and no one is admitted out of order.
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { importTs } from "../scripts/load-ts.mjs";
import { benchRatelimits, benchStatements, benchVars, SESSION_SECRET } from "./setup.mjs";
import { percentile } from "./load.mjs";

const FANS = Number(process.env.BENCH_FANS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const RATE = 600; // fans a minute
const WATCH_MS = 10_000;


export async function queueBench() {
  const mf = new Miniflare(convertV4MiniflareOptions({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        name: "marquee",
        modules: true,
        scriptPath: ".wrangler/bench-bundle/app.js",
        compatibilityDate: "2025-11-01",
        compatibilityFlags: ["nodejs_compat"],
        d1Databases: { DB: "bench-queue" },
        durableObjects: {
          SHOWTIME_SEATS: { className: "ShowtimeSeats", useSQLite: true },
          WAITING_ROOM: { className: "WaitingRoom", useSQLite: true },
        },
        ratelimits: benchRatelimits,
        queueProducers: { EMAIL_QUEUE: "marquee-email" },
        bindings: { ...benchVars, SESSION_SECRET, RAZORPAY_SANDBOX: "on" },
      },
    ],
  }));
  const base = (await mf.ready).origin;
  try {
    const db = await mf.getD1Database("DB");
    for (const file of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) {
      for (const sql of readFileSync(path.join("migrations", file), "utf8").split("--> statement-breakpoint")) if (sql.trim()) await db.prepare(sql).run();
    }
    const data = await benchStatements(FANS);
    const { signValue } = await importTs("app/utils/crypto.server.ts");
    const adminSession = randomUUID();
    data.stmts.push(`INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES ('${adminSession}', 'usr-demo-admin', ${Date.now() + 86_400_000}, ${Date.now()});`);
    for (let i = 0; i < data.stmts.length; i += 500) await db.batch(data.stmts.slice(i, i + 500).map((s) => db.prepare(s)));
    const showtimeId = data.showtimes.sellout;

    // The operator opens the room through the console, as on the night.
    const adminCookie = `marquee_session=${encodeURIComponent(await signValue(SESSION_SECRET, adminSession))}`;
    const page = await fetch(`${base}/admin/queues/${showtimeId}`, { headers: { Cookie: adminCookie } });
    const csrfCookie = page.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("marquee_csrf="));
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    const opened = await fetch(`${base}/admin/queues/${showtimeId}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: `${adminCookie}; ${csrfCookie}`, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, intent: "open", date: "2020-01-01", time: "00:00", rate: String(RATE) }),
    });
    if (opened.status !== 302) throw new Error(`could not open the room: ${opened.status}`);

    const join = async (cookie) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/queue/${showtimeId}`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json" }, body: "{}" });
      const body = await res.json();
      return { ms: performance.now() - t0, status: res.status, body };
    };
    const positions = new Array(FANS);
    const latencies = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < FANS) {
          const i = next++;
          const r = await join(data.cookies[i]);
          latencies.push(r.ms);
          if (r.status !== 200) errors++;
          else positions[i] = r.body.state === "waiting" || r.body.state === "admitted" ? r.body.number : null;
        }
      }),
    );
    const joinSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const placed = positions.filter((p) => typeof p === "number");
    const sorted = [...placed].sort((a, b) => a - b);
    // Places are numbered 1..N in the order the room took the joins: no gaps, no repeats.
    const contiguous = sorted.every((p, k) => p === k + 1);

    // Admissions over a measured window, read from the console's numbers.
    const statsOf = async () => {
      const html = await (await fetch(`${base}/admin/queues/${showtimeId}`, { headers: { Cookie: adminCookie } })).text();
      return Number(/Admitted<\/dt><dd[^>]*>(\d+)/.exec(html)?.[1] ?? /Admitted[^0-9]*(\d+)/.exec(html)?.[1]);
    };
    const a0 = await statsOf();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, WATCH_MS));
    const a1 = await statsOf();
    const windowMin = (performance.now() - t0) / 60_000;
    const admittedRate = (a1 - a0) / windowMin;

    // Order: every admitted fan in a sample held one of the first `a1` places.
    const sample = Array.from({ length: 500 }, (_, k) => Math.floor((k * FANS) / 500));
    const seen = [];
    for (const i of sample) {
      const res = await fetch(`${base}/api/queue/${showtimeId}`, { headers: { Cookie: data.cookies[i] } });
      seen.push([positions[i], (await res.json()).state]);
    }
    const a2 = await statsOf();
    // The room admits by number: an admitted fan's number is within the admitted count (read after
    // the sample), a waiting fan's beyond the count read before it.
    const outOfOrder = seen.filter(([p, state]) => (state === "admitted" && p > a2) || (state === "waiting" && p <= a1)).length;
    return {
      fans: FANS,
      joinSeconds: +joinSeconds.toFixed(2),
      joinsPerSecond: Math.round(FANS / joinSeconds),
      p50: +percentile(latencies, 50).toFixed(1),
      p99: +percentile(latencies, 99).toFixed(1),
      errors,
      everyonePlaced: placed.length === FANS,
      positionsContiguous: contiguous,
      configuredRate: RATE,
      admittedRate: Math.round(admittedRate),
      rateWithin10Percent: Math.abs(admittedRate - RATE) <= RATE * 0.1,
      outOfOrderInSample: outOfOrder,
    };
  } finally {
    await mf.dispose();
  }
}

// `node bench/queue.mjs` (after `npm run build`): bundles the Worker and runs the on-sale bench alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { execFileSync } = await import("node:child_process");
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", ".wrangler/bench-bundle"], { stdio: "ignore" });
  console.log(JSON.stringify(await queueBench(), null, 2));
}
