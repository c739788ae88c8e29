// 2,000 live seat-map viewers on one showtime (loopback WebSockets) while 250 seats sell in a burst:
// does every viewer get every change, how soon after the hold's 201, and what does it cost workerd?
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import WebSocket from "ws";
import { percentile } from "./load.mjs";

const pageSize = 4096;
export function workerdStats(pid) {
  if (!pid) return { rssBytes: 0, cpuMs: 0 };
  const statm = readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime, in clock ticks (100 Hz on Linux).
  return { rssBytes: Number(statm[1]) * pageSize, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

async function burst({ base, showtimeId, cookies, seatIds, concurrency = 50 }) {
  const acked = new Map();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < seatIds.length) {
        const i = next++;
        const res = await fetch(`${base}/api/showtimes/${showtimeId}/holds`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookies[i] },
          body: JSON.stringify({ seatIds: [seatIds[i]] }),
        });
        await res.arrayBuffer();
        if (res.status === 201) acked.set(seatIds[i], performance.now());
        else refused++;
      }
    }),
  );
  return { acked, refused };
}

export async function liveViewers({ base, showtimeId, quietShowtimeId, cookies, seatIds, viewers = 2000, workerdPid }) {
  // The same burst with nobody watching: the CPU the holds cost by themselves.
  const quiet0 = workerdStats(workerdPid);
  await burst({ base, showtimeId: quietShowtimeId, cookies, seatIds });
  const quietCpuMs = workerdStats(workerdPid).cpuMs - quiet0.cpuMs;

  const before = workerdStats(workerdPid);
  const seen = Array.from({ length: viewers }, () => new Map());
  const deltas = new Array(viewers).fill(0);
  const sockets = [];
  const url = `${base.replace(/^http/, "ws")}/api/showtimes/${showtimeId}/live`;
  const open = (i) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      sockets.push(ws);
      const timer = setTimeout(() => reject(new Error(`viewer ${i} got no snapshot`)), 30_000);
      ws.on("message", (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type === "snapshot") {
          clearTimeout(timer);
          resolve();
          return;
        }
        deltas[i]++;
        const t = performance.now();
        for (const [seat, status] of Object.entries(msg.seats)) if (status !== "available" && !seen[i].has(seat)) seen[i].set(seat, t);
      });
      ws.on("error", reject);
    });
  for (let i = 0; i < viewers; i += 100) await Promise.all(Array.from({ length: Math.min(100, viewers - i) }, (_, k) => open(i + k)));
  await new Promise((r) => setTimeout(r, 500));
  const connected = workerdStats(workerdPid);

  // The 2,000 viewers and the buyers share this one Node process: if its event loop lags, deliveries
  // look late that workerd sent on time. Its lag and CPU during the burst say whether it was the limit.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const clientCpu0 = process.cpuUsage();
  const burstStart = performance.now();
  const { acked, refused } = await burst({ base, showtimeId, cookies, seatIds });
  const everyone = () => seen.every((m) => m.size >= acked.size);
  for (let waited = 0; !everyone() && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const after = workerdStats(workerdPid);
  const burstMs = performance.now() - burstStart;
  const clientCpu = process.cpuUsage(clientCpu0);
  loop.disable();

  const latencies = [];
  let missed = 0;
  for (const m of seen) {
    for (const [seat, ackAt] of acked) {
      const t = m.get(seat);
      if (t === undefined) missed++;
      // A delta can overtake the 201 on loopback: that viewer saw it no later than the buyer.
      else latencies.push(Math.max(0, t - ackAt));
    }
  }
  for (const ws of sockets) ws.terminate();
  latencies.sort((a, b) => a - b);
  const deltasPerViewer = deltas.reduce((a, b) => a + b, 0) / viewers;
  const broadcastCpuMs = after.cpuMs - connected.cpuMs - quietCpuMs;
  return {
    viewers,
    seatsSold: acked.size,
    refused,
    missed,
    p50: +percentile(latencies, 50).toFixed(1),
    p99: +percentile(latencies, 99).toFixed(1),
    max: +(latencies.at(-1) ?? 0).toFixed(1),
    deltasPerViewer: +deltasPerViewer.toFixed(1),
    memoryPerViewerKB: +((connected.rssBytes - before.rssBytes) / viewers / 1024).toFixed(1),
    cpuPerBroadcastMs: deltasPerViewer ? +(broadcastCpuMs / deltasPerViewer).toFixed(1) : null,
    quietBurstCpuMs: quietCpuMs,
    burstMs: Math.round(burstMs),
    workerdCpuShare: +((after.cpuMs - connected.cpuMs) / burstMs).toFixed(2),
    clientCpuShare: +((clientCpu.user + clientCpu.system) / 1000 / burstMs).toFixed(2),
    clientLoopLagP99Ms: +(loop.percentile(99) / 1e6).toFixed(1),
  };
}
