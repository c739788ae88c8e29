// The seed design's lock, measured on the same machine: one `SET seat:<id> <user> NX EX 600` per seat
// against a local redis-server, with the same client counts as our hold benchmark.
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { percentile } from "./load.mjs";

/** A minimal RESP client: one command in flight per connection, like one request per HTTP client. */
function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let buffer = "";
    let waiting = null;
    socket.setNoDelay(true);
    socket.on("data", (d) => {
      buffer += d;
      const end = buffer.indexOf("\r\n");
      if (end >= 0 && waiting) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const w = waiting;
        waiting = null;
        w(line);
      }
    });
    socket.on("error", reject);
    socket.on("connect", () =>
      resolve({
        command: (...args) =>
          new Promise((r) => {
            waiting = r;
            socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`);
          }),
        close: () => socket.end(),
      }),
    );
  });
}

export function redisAvailable() {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export async function redisBaseline({ durationMs, clientCounts = [1, 50, 200] }) {
  const port = 6400 + Math.floor(Math.random() * 500);
  const server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"], { stdio: "ignore" });
  try {
    let probe;
    for (let i = 0; i < 50 && !probe; i++) {
      probe = await connect(port).catch(() => null);
      if (!probe) await new Promise((r) => setTimeout(r, 100));
    }
    if (!probe) throw new Error("redis-server did not start");
    probe.close();
    const rows = [];
    for (const clients of clientCounts) {
      const conns = await Promise.all(Array.from({ length: clients }, () => connect(port)));
      const latencies = [];
      const deadline = performance.now() + durationMs;
      const started = performance.now();
      let n = 0;
      await Promise.all(
        conns.map(async (c, i) => {
          while (performance.now() < deadline) {
            const t0 = performance.now();
            // Distinct keys so every SET succeeds, like a hold on a free seat.
            const reply = await c.command("SET", `seat:bench:${clients}:${i}:${n++}`, `user-${i}`, "NX", "EX", "600");
            if (reply === "+OK") latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      conns.forEach((c) => c.close());
      latencies.sort((a, b) => a - b);
      rows.push({
        clients,
        setsPerSecond: Math.round(latencies.length / seconds),
        p50: +percentile(latencies, 50).toFixed(2),
        p99: +percentile(latencies, 99).toFixed(2),
      });
    }
    return rows;
  } finally {
    server.kill("SIGTERM");
  }
}
