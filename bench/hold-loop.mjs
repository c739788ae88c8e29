// The admitted fans' hold loop (bench/queue.mjs), in a worker thread: holds at a fixed rate,
// round-robin over the fans admitted so far, each re-holding its own seat, timed on an event loop
// the crowd's thousands of requests never touch.
import { parentPort, workerData } from "node:worker_threads";
import { percentile } from "./load.mjs";

const { base, showtimeId, bot, perSecond, sent } = workerData;
const pool = [];
const samples = [];
const refused = {};
let phase = "crowded";
let stopping = false;
const round = (x) => +x.toFixed(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

parentPort.on("message", (m) => {
  if (m.type === "fan") pool.push(m.fan);
  else if (m.type === "phase") phase = m.phase;
  else if (m.type === "stop") stopping = true;
});

async function hold(fan, tag) {
  const t0 = performance.now();
  Atomics.add(sent, 0, 1);
  const res = await fetch(`${base}/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: fan.cookie, "X-Admission-Token": fan.token, "CF-Turnstile-Response": bot, "X-Bench-Time": "1" },
    body: JSON.stringify({ seatIds: [fan.seat] }),
  });
  const text = await res.text();
  if (res.status === 201) return samples.push({ phase: tag, ms: performance.now() - t0, served: Number(res.headers.get("X-Bench-Served-Ms")) });
  let code = "";
  try {
    code = JSON.parse(text).error?.code ?? "";
  } catch {
    // Not JSON: counted under its status alone.
  }
  refused[`${res.status} ${code}`] = (refused[`${res.status} ${code}`] ?? 0) + 1;
}

const start = performance.now();
const pending = [];
let k = 0;
for (let i = 0; !stopping; i++) {
  const wait = start + (i * 1000) / perSecond - performance.now();
  if (wait > 0) await sleep(wait);
  if (pool.length) pending.push(hold(pool[k++ % pool.length], phase));
}
await Promise.all(pending);
const of = (p, key) => samples.filter((s) => s.phase === p).map((s) => s[key]).sort((a, b) => a - b);
const stat = (p) => {
  const client = of(p, "ms");
  const served = of(p, "served");
  return { n: client.length, p50: round(percentile(client, 50)), p99: round(percentile(client, 99)), servedP50: round(percentile(served, 50)), servedP99: round(percentile(served, 99)) };
};
parentPort.postMessage({ perSecond, crowded: stat("crowded"), uncrowded: stat("uncrowded"), refused });
