// A hoarding script (`npm run bench -- hoard`): many verified accounts each grab a few seats of a
// small show and re-hold them in a loop, extend once when they may, and start again the moment a
// cool-down lets them, against a Marquee whose hold life, ceiling and cool-down are seconds (the
// same rules the production minutes run on). An observer reads the public seat map throughout.
// The claim: no (account, seat) hold outlives its hard deadline (the ceiling from its first hold).
import { percentile } from "./load.mjs";

/** Short hold rules for this part only (its own Marquee; the other parts keep wrangler.toml's). */
export const HOARD_VARS = { HOLD_TTL_SECONDS: "4", HOLD_EXTENSION_SECONDS: "2", HOLD_CEILING_SECONDS: "5", HOLD_COOLDOWN_SECONDS: "3" };
export const HOARDERS = 40;
const SEATS_EACH = 6;
const RUN_MS = Number(process.env.BENCH_HOARD_SECONDS ?? 30) * 1000;
const REHOLD_EVERY_MS = 250;
const OBSERVE_EVERY_MS = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 2) => +x.toFixed(d);

async function call(base, path, cookie, body) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie }, body: JSON.stringify(body) });
  let json = {};
  try {
    json = await res.json();
  } catch {
    // counted by status below
  }
  return { status: res.status, retryAfter: res.headers.get("Retry-After"), body: json };
}

export async function hoarding({ base, showtimeId, cookies, seatIds }) {
  const ceilingMs = Number(HOARD_VARS.HOLD_CEILING_SECONDS) * 1000;
  const failures = [];
  const counts = { holds: 0, reholds: 0, extensions: 0, cooldownRefusals: 0, cooldownWithoutRetryAfter: 0, other: {} };
  /** Per account: the longest life any of its holds was given (expiresAt − the life's first hold). */
  let maxGrantedLifeMs = 0;
  const cooldownMs = Number(HOARD_VARS.HOLD_COOLDOWN_SECONDS) * 1000;
  let cooldownSkipped = 0;
  const skips = [];
  /** Every hold life each account was given: [createdAt, expiresAt] by the seat object's clock. */
  const lives = Array.from({ length: HOARDERS }, () => []);
  const deadline = performance.now() + RUN_MS;

  const hoarder = async (a) => {
    const mine = seatIds.slice(a * SEATS_EACH, (a + 1) * SEATS_EACH);
    let life = null; // { createdAt, holdId, extended }
    while (performance.now() < deadline) {
      const r = await call(base, `/api/showtimes/${showtimeId}/holds`, cookies[a], { seatIds: mine });
      if (r.status === 201) {
        const { createdAt, expiresAt, holdId, canExtend } = r.body;
        if (life && life.createdAt === createdAt) counts.reholds++;
        else {
          // A fresh life must wait out the cool-down from the last one's deadline.
          if (life && createdAt < life.expiresAt + cooldownMs) {
            cooldownSkipped++;
            if (skips.length < 3) skips.push({ account: a, previous: { createdAt: life.createdAt, expiresAt: life.expiresAt }, fresh: { createdAt, expiresAt } });
          }
          counts.holds++;
          life = { createdAt, expiresAt, holdId, extended: false };
          lives[a].push(life);
        }
        life.expiresAt = Math.max(life.expiresAt, expiresAt);
        maxGrantedLifeMs = Math.max(maxGrantedLifeMs, expiresAt - createdAt);
        if (canExtend && !life.extended) {
          const x = await call(base, `/api/showtimes/${showtimeId}/holds/${holdId}`, cookies[a], { extend: true });
          life.extended = true;
          if (x.status === 200) {
            counts.extensions++;
            life.expiresAt = x.body.expiresAt;
            maxGrantedLifeMs = Math.max(maxGrantedLifeMs, x.body.expiresAt - x.body.createdAt);
          }
        }
        await sleep(REHOLD_EVERY_MS);
      } else if (r.status === 429 && r.body.error?.code === "cooling_down") {
        counts.cooldownRefusals++;
        if (!r.retryAfter) counts.cooldownWithoutRetryAfter++;
        // The script comes back exactly when told to (Retry-After rounds up), so it loses no time.
        await sleep(Number(r.retryAfter ?? 1) * 1000);
      } else {
        const key = `${r.status} ${r.body.error?.code ?? ""}`;
        counts.other[key] = (counts.other[key] ?? 0) + 1;
        await sleep(100);
      }
    }
  };

  // The observer: the public seat map, as any fan sees it, timestamped by the server's clock.
  const stretches = [];
  const heldSince = new Map();
  const seen = [];
  const lastHeld = new Map();
  let heldSeatMs = 0;
  let lastAt = null;
  let observations = 0;
  const hoarded = new Set(seatIds.slice(0, HOARDERS * SEATS_EACH));
  const observer = (async () => {
    while (performance.now() < deadline) {
      const snap = await (await fetch(`${base}/api/showtimes/${showtimeId}/seats`)).json();
      const now = snap.serverNow;
      const held = new Set(Object.entries(snap.seats).filter(([id, st]) => hoarded.has(id) && st !== "available").map(([id]) => id));
      if (lastAt !== null) heldSeatMs += held.size * (now - lastAt);
      lastAt = now;
      observations++;
      for (const id of held) {
        seen.push({ seat: seatIds.indexOf(id), at: now });
        if (!heldSince.has(id)) heldSince.set(id, now);
        lastHeld.set(id, now);
      }
      for (const [id, since] of heldSince) {
        if (!held.has(id)) {
          stretches.push(lastHeld.get(id) - since);
          heldSince.delete(id);
        }
      }
      await sleep(OBSERVE_EVERY_MS);
    }
    for (const [id, since] of heldSince) stretches.push(lastHeld.get(id) - since);
  })();
  const t0 = performance.now();
  await Promise.all([...Array.from({ length: HOARDERS }, (_, a) => hoarder(a)), observer]);
  const seconds = (performance.now() - t0) / 1000;
  stretches.sort((a, b) => a - b);
  // The public map against the lives: a seat seen held when no life of its owner covers that moment
  // is a hold that outlived its deadline (50 ms for the two clocks of one process).
  const pastDeadline = seen.filter(({ seat, at }) => !lives[Math.floor(seat / SEATS_EACH)].some((l) => l.createdAt - 50 <= at && at <= l.expiresAt + 50));
  const result = {
    hoarders: HOARDERS,
    seatsEach: SEATS_EACH,
    showSeats: seatIds.length,
    seconds: round(seconds, 1),
    rules: { ttlSeconds: Number(HOARD_VARS.HOLD_TTL_SECONDS), extensionSeconds: Number(HOARD_VARS.HOLD_EXTENSION_SECONDS), ceilingSeconds: ceilingMs / 1000, cooldownSeconds: Number(HOARD_VARS.HOLD_COOLDOWN_SECONDS) },
    ...counts,
    maxGrantedLifeSeconds: round(maxGrantedLifeMs / 1000),
    cooldownSkipped,
    cooldownSkips: skips,
    seatMap: {
      observations,
      offSaleStretches: stretches.length,
      heldPastDeadline: pastDeadline.length,
      longestOffSaleSeconds: round((stretches.at(-1) ?? 0) / 1000),
      medianOffSaleSeconds: round(percentile(stretches, 50) / 1000),
      hoardedSeatsOffSaleShare: round(heldSeatMs / (hoarded.size * seconds * 1000)),
    },
  };
  if (maxGrantedLifeMs > ceilingMs) failures.push(`hoard: a hold was given ${result.maxGrantedLifeSeconds}s of life, past the ${ceilingMs / 1000}s ceiling`);
  if (pastDeadline.length) failures.push(`hoard: the seat map showed a hoarded seat held ${pastDeadline.length} times after its hold's deadline`);
  if (cooldownSkipped) failures.push(`hoard: ${cooldownSkipped} fresh holds started inside the cool-down after the account's last deadline`);
  if (counts.cooldownWithoutRetryAfter) failures.push("hoard: a cool-down refusal came without Retry-After");
  if (!counts.cooldownRefusals) failures.push("hoard: the cool-down never refused a re-hold");
  return { result, failures };
}
