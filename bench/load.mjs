// HTTP load against a running Marquee: hold throughput/latency, and a sell-out race.

export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function holdRequest(base, showtimeId, cookie, seatIds) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Cookie: cookie },
    body: JSON.stringify({ seatIds }),
  });
  const text = await res.text();
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    if (!holdRequest.reported) console.error(`hold answered ${res.status} without JSON: ${text.slice(0, 300)}`);
    holdRequest.reported = true;
  }
  return { ms: performance.now() - t0, status: res.status, body };
}

/**
 * `clients` users each own a distinct seat and keep re-holding it (each request replaces the
 * user's previous hold): every request does the full hold path without contention noise.
 */
export async function holdThroughput({ base, showtimeId, cookies, clients, durationMs, seatIds }) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const seat = seatIds[i % seatIds.length];
      while (performance.now() < deadline) {
        const r = await holdRequest(base, showtimeId, cookies[i], [seat]);
        if (r.status === 201) latencies.push(r.ms);
        else errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length + errors,
    errors,
    holdsPerSecond: Math.round(latencies.length / seconds),
    p50: +percentile(latencies, 50).toFixed(1),
    p95: +percentile(latencies, 95).toFixed(1),
    p99: +percentile(latencies, 99).toFixed(1),
  };
}

/** 2,000 users race for every seat of a 250-seat screen; each wants 1–4 seats and retries on a 409. */
export async function sellOut({ base, showtimeId, cookies, seatIds, users = 2000, concurrency = 200 }) {
  const owner = new Map();
  let doubleHeld = 0;
  let attempts = 0;
  let next = 0;
  const started = performance.now();
  const free = new Set(seatIds);
  const pick = (n) => {
    const pool = [...free];
    const out = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(Math.random() * pool.length), 1)[0]);
    return out;
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < users && free.size > 0) {
        const u = next++;
        for (let tries = 0; tries < 5 && free.size > 0; tries++) {
          const want = pick(1 + (u % 4));
          if (!want.length) break;
          attempts++;
          const r = await holdRequest(base, showtimeId, cookies[u], want);
          if (r.status === 201) {
            for (const s of r.body.seatIds) {
              if (owner.has(s)) doubleHeld++;
              owner.set(s, u);
              free.delete(s);
            }
            break;
          }
          for (const s of r.body.error?.seats ?? []) free.delete(s.seatId);
        }
      }
    }),
  );
  const ms = performance.now() - started;
  const snapshot = await (await fetch(`${base}/api/showtimes/${showtimeId}/seats`)).json();
  const heldInObject = Object.keys(snapshot.seats).length;
  return { seats: seatIds.length, sold: owner.size, heldInObject, doubleHeld, attempts, seconds: +(ms / 1000).toFixed(2) };
}
