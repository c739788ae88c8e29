/**
 * Pure waiting-room rules: the draw at opening, how many fans an interval admits, positions and
 * waits. The WaitingRoom Durable Object owns storage and time and asks these functions.
 */
import type { FanStatus } from "#app/queue/contract";

/**
 * The pre-queue's order at opening: a uniform shuffle (Fisher–Yates), so arriving early in the
 * pre-queue buys nothing. `random(n)` returns an integer in [0, n).
 */
export function drawOrder<T>(fans: readonly T[], random: (n: number) => number): T[] {
  const out = [...fans];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A uniform integer in [0, n) from the platform's CSPRNG, without modulo bias. */
export function cryptoRandom(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

export type AdmissionState = {
  /** Fractional admissions earned but not yet used. */
  credit: number;
  /** When credit was last added. */
  lastTick: number;
};

/**
 * How many fans to admit since the last tick at `ratePerMinute`, and the state to keep. Credit
 * stops at one fan's worth while nobody is waiting, so an idle room cannot bank a burst; while
 * paused or sold out no credit is earned at all.
 */
export function admit(
  state: AdmissionState,
  args: { now: number; ratePerMinute: number; waiting: number; paused: boolean; soldOut: boolean },
): { admit: number; state: AdmissionState } {
  const { now, ratePerMinute, waiting, paused, soldOut } = args;
  const elapsed = Math.max(0, now - state.lastTick);
  if (paused || soldOut || ratePerMinute <= 0) return { admit: 0, state: { credit: 0, lastTick: now } };
  let credit = state.credit + (elapsed * ratePerMinute) / 60_000;
  const n = Math.min(waiting, Math.floor(credit));
  credit -= n;
  if (waiting - n <= 0) credit = Math.min(credit, 1);
  return { admit: n, state: { credit, lastTick: now } };
}

/**
 * The rate Marquee picks when the operator leaves it open: never more fans a minute than seats
 * are left (each fan takes at least one), nor more than the seat object serves comfortably.
 */
export function derivedRate(seatsLeft: number, capacityPerMinute: number): number {
  return Math.max(1, Math.min(capacityPerMinute, seatsLeft));
}

/** Seconds until a fan `ahead` places from the front is admitted, at `ratePerMinute`. */
export function estimatedWaitSeconds(ahead: number, ratePerMinute: number): number | null {
  if (ratePerMinute <= 0) return null;
  return Math.ceil(((ahead + 1) * 60) / ratePerMinute);
}

/** A wait estimate as a message's `unit` and `n` (the page words it in the fan's language). */
export function waitEstimateParts(seconds: number | null): { unit: "paused" | "seconds" | "minutes" | "hours"; n: number } {
  if (seconds === null) return { unit: "paused", n: 0 };
  if (seconds < 60) return { unit: "seconds", n: seconds };
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? { unit: "minutes", n: minutes } : { unit: "hours", n: Math.round(minutes / 60) };
}

export function describeWaitEstimate(seconds: number | null): string {
  const { unit, n } = waitEstimateParts(seconds);
  if (unit === "paused") return "Admissions are paused just now.";
  if (unit === "seconds") return "Less than a minute.";
  return unit === "minutes" ? `About ${n} minute${n === 1 ? "" : "s"}.` : `About ${n} hours.`;
}

/** Bounds of how long a fan's page waits before asking again. */
export const POLL_SECONDS = { min: 3, max: 30, paused: 10, soldOut: 15, openingSpread: 10 } as const;

/**
 * When a fan's page should ask again, or null when nothing will change by waiting (admitted, turn
 * passed, not in line). Near the front it asks every few seconds; far back, where nothing a fan
 * sees changes for minutes, every `max` seconds: a crowd's polls shrink with the line's length.
 * The pre-queue asks at opening, spread over `openingSpread` seconds by `random` (the draw is
 * random, so asking first gains nothing, and the room is not asked by every pre-queued fan at once).
 */
export function pollAfterSeconds(status: FanStatus | { state: "turn_passed" }, now: number, random: () => number = Math.random): number | null {
  const clamp = (x: number) => Math.min(POLL_SECONDS.max, Math.max(POLL_SECONDS.min, Math.ceil(x)));
  switch (status.state) {
    case "pre_queue": {
      const untilOpen = (status.opensAt - now) / 1000;
      return untilOpen > POLL_SECONDS.max ? POLL_SECONDS.max : clamp(untilOpen + random() * POLL_SECONDS.openingSpread);
    }
    case "waiting":
      if (status.paused || status.etaSeconds === null) return POLL_SECONDS.paused;
      return clamp(status.etaSeconds / 4);
    case "sold_out":
      return POLL_SECONDS.soldOut;
    default:
      return null;
  }
}

/** A fan's row in the room: their place (null in the pre-queue) and when they were let in. */
export type FanRow = { seq: number | null; admitted_at: number | null };

/**
 * What a fan sees from their row and the room's counters: positions are differences (`seq` minus
 * the highest place admitted), so nothing per fan is rewritten as the line moves.
 */
export function fanStatus(
  fan: FanRow,
  room: { opensAt: number; admittedThrough: number; paused: boolean },
  seatsLeft: number,
  ratePerMinute: number,
): FanStatus {
  if (fan.admitted_at !== null) return { state: "admitted", number: fan.seq ?? 0, admittedAt: fan.admitted_at };
  if (fan.seq === null) return { state: "pre_queue", opensAt: room.opensAt };
  const ahead = fan.seq - room.admittedThrough - 1;
  if (seatsLeft <= 0) return { state: "sold_out", number: fan.seq, position: ahead + 1 };
  const rate = room.paused ? 0 : ratePerMinute;
  return { state: "waiting", number: fan.seq, position: ahead + 1, ahead, etaSeconds: estimatedWaitSeconds(ahead, rate), paused: room.paused };
}
