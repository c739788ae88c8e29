// Seat page views of one hot showtime: `clients` logged-in fans reload the 400-seat page as fast as
// they can. Counts views/s, latency and the D1 statements per view (X-Bench-D1-Queries).
import { percentile } from "./load.mjs";

export async function pageViews({ base, path, cookies, clients, durationMs }) {
  const latencies = [];
  let errors = 0;
  let d1 = 0;
  let counted = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const res = await fetch(base + path, { headers: { Cookie: cookies[i % cookies.length], "X-Bench-Count-D1": "1" } });
        await res.arrayBuffer();
        if (res.status !== 200) {
          errors++;
          continue;
        }
        latencies.push(performance.now() - t0);
        const q = res.headers.get("X-Bench-D1-Queries");
        if (q !== null) {
          d1 += Number(q);
          counted++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    viewsPerSecond: Math.round(latencies.length / seconds),
    p50: +percentile(latencies, 50).toFixed(1),
    p99: +percentile(latencies, 99).toFixed(1),
    errors,
    d1PerView: counted ? +(d1 / counted).toFixed(2) : null,
  };
}
