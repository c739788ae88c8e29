// `npm run bench`: hold throughput and latency at 1/50/200 clients and a 2,000-user sell-out, against
// workerd through Miniflare directly and through `wrangler dev` (which adds a Node proxy).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { benchStatements, SESSION_SECRET } from "./setup.mjs";
import { holdThroughput, sellOut } from "./load.mjs";
import { purchaseSteps } from "./purchase.mjs";
import { seatPageRender, seatPageWeight } from "./page-weight.mjs";
import { redisAvailable, redisBaseline } from "./redis-baseline.mjs";

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const USERS = 2000;
const only = process.argv[2]; // "miniflare" | "wrangler" | "redis" | "catalogue" | undefined (all)
const wants = (part) => !only || only === part;

if (!existsSync("build/server/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });

const seats400 = [];
for (const r of "ABCDEFGHIJKLMNOPQRST") for (let n = 1; n <= 20; n++) seats400.push(`${r}${n}`);
const seats250 = [];
for (const r of "ABCDEFGHIJ") for (let n = 1; n <= 25; n++) seats250.push(`${r}${n}`);

async function runSuite(label, base, data) {
  const rows = [];
  for (const clients of [1, 50, 200]) {
    const r = await holdThroughput({ base, showtimeId: data.showtimes[`hold-${clients}`], cookies: data.cookies, clients, durationMs: DURATION_MS, seatIds: seats400 });
    console.log(`${label} holds  clients=${clients}: ${r.holdsPerSecond}/s p50=${r.p50}ms p95=${r.p95}ms p99=${r.p99}ms (${r.requests} requests, ${r.errors} errors)`);
    rows.push(r);
  }
  const s = await sellOut({ base, showtimeId: data.showtimes.sellout, cookies: data.cookies, seatIds: seats250, users: USERS });
  console.log(`${label} sell-out: ${s.sold}/${s.seats} seats in ${s.seconds}s, ${s.attempts} attempts, seats held twice: ${s.doubleHeld}, seats held in the object: ${s.heldInObject}`);
  if (s.doubleHeld !== 0 || s.heldInObject !== s.sold) throw new Error("a seat was held twice");
  const page = `/showtimes/${data.showtimes["hold-1"]}`;
  const render = await seatPageRender(base, page, data.cookies[0]);
  const weight = await seatPageWeight(base, page);
  console.log(`${label} seat page (400 seats): render p50=${render.p50}ms p99=${render.p99}ms; shipped JS ${weight.jsGzipBytes} B gzip, CSS ${weight.cssGzipBytes} B gzip, HTML ${weight.htmlGzipBytes} B gzip (${weight.files} files)`);
  const purchase = await purchaseSteps({ base, showtimeId: data.showtimes.purchase, cookies: data.cookies.slice(1000), seatIds: seats400 });
  for (const r of purchase.rows) console.log(`${label} purchase ${r.step}: p50=${r.p50}ms p99=${r.p99}ms (n=${r.n})`);
  console.log(`${label} purchase: ${purchase.confirmed}/${purchase.purchases} confirmed`);
  return { label, rows, sellout: s, seatPage: { render, weight }, purchase };
}

const vars = Object.fromEntries(
  [...readFileSync("wrangler.toml", "utf8").matchAll(/^([A-Z_]+) = "([^"]*)"$/gm)].map((m) => [m[1], m[2]]),
);

async function viaMiniflare() {
  const { mf, url, data } = await startMiniflare();
  try {
    return await runSuite("miniflare", url.origin, data);
  } finally {
    await mf.dispose();
  }
}

/** Home and movie page server time with the edge cache off (every read from D1) and on. */
async function cataloguePages() {
  const out = [];
  for (const cacheSeconds of ["0", "60"]) {
    const { mf, url } = await startMiniflare({ CATALOGUE_CACHE_SECONDS: cacheSeconds });
    try {
      const label = cacheSeconds === "0" ? "cache off" : `cache ${cacheSeconds}s`;
      for (const [page, path] of [["home", "/?city=mumbai"], ["movie", "/movies/orbit-zero?city=mumbai"]]) {
        const r = await seatPageRender(url.origin, path, "", 200);
        console.log(`catalogue ${page} page (${label}): p50=${r.p50}ms p99=${r.p99}ms`);
        out.push({ page, cacheSeconds: Number(cacheSeconds), ...r });
      }
    } finally {
      await mf.dispose();
    }
  }
  return { label: "catalogue", rows: out };
}

async function startMiniflare(extraVars = {}) {
  execFileSync("wrangler", ["deploy", "--dry-run", "--outdir", ".wrangler/bench-bundle"], { stdio: "ignore" });
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
        d1Databases: { DB: "bench" },
        durableObjects: { SHOWTIME_SEATS: { className: "ShowtimeSeats", useSQLite: true } },
        queueProducers: { EMAIL_QUEUE: "marquee-email" },
        r2Buckets: { POSTERS: "posters" },
        bindings: { ...vars, SESSION_SECRET, RAZORPAY_SANDBOX: "on", ...extraVars },
      },
    ],
  }));
  const url = await mf.ready;
  const db = await mf.getD1Database("DB");
  for (const file of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) {
    for (const sql of readFileSync(path.join("migrations", file), "utf8").split("--> statement-breakpoint")) {
      if (sql.trim()) await db.prepare(sql).run();
    }
  }
  const data = await benchStatements(USERS);
  for (let i = 0; i < data.stmts.length; i += 200) await db.batch(data.stmts.slice(i, i + 200).map((s) => db.prepare(s)));
  return { mf, url, data };
}

async function viaWranglerDev() {
  const persist = mkdtempSync(path.join(tmpdir(), "marquee-bench-"));
  const port = String(8900 + Math.floor(Math.random() * 90));
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], { stdio: "ignore" });
  const data = await benchStatements(USERS);
  const file = path.join(persist, "bench.sql");
  writeFileSync(file, data.stmts.join("\n"));
  execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persist, `--file=${file}`], { stdio: "ignore" });
  const dev = spawn("wrangler", ["dev", "--port", port, "--ip", "127.0.0.1", "--persist-to", persist, "--var", `SESSION_SECRET:${SESSION_SECRET}`, "--var", "RAZORPAY_SANDBOX:on", "--var", `APP_ORIGIN:http://127.0.0.1:${port}`], {
    stdio: "ignore",
    detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        // starting
      }
      if (i > 120) throw new Error("wrangler dev did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    return await runSuite("wrangler dev", base, data);
  } finally {
    process.kill(-dev.pid, "SIGTERM");
  }
}

console.log(`Marquee hold benchmark on ${cpus().length} × ${cpus()[0]?.model} (${DURATION_MS / 1000}s per step)`);
const results = [];
if (wants("miniflare")) results.push(await viaMiniflare());
if (wants("wrangler")) results.push(await viaWranglerDev());
if (wants("catalogue")) results.push(await cataloguePages());
if (wants("redis")) {
  if (redisAvailable()) {
    const redis = await redisBaseline({ durationMs: DURATION_MS });
    for (const r of redis) console.log(`redis SET NX EX  clients=${r.clients}: ${r.setsPerSecond}/s p50=${r.p50}ms p99=${r.p99}ms`);
    results.push({ label: "redis", rows: redis });
  } else {
    console.log("redis-server not found: skipping the seed's Redis lock baseline (apt-get install redis-server)");
  }
}
writeFileSync(".wrangler/bench-results.json", JSON.stringify(results, null, 2));
console.log("results written to .wrangler/bench-results.json");
