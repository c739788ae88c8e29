/**
 * Pure waiting-room rules: the draw at opening, how many fans an interval admits, positions and
 * waits. The WaitingRoom Durable Object owns storage and time and asks these functions.
 */

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

export function describeWaitEstimate(seconds: number | null): string {
  if (seconds === null) return "Admissions are paused just now.";
  if (seconds < 60) return "Less than a minute.";
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `About ${minutes} minute${minutes === 1 ? "" : "s"}.` : `About ${Math.round(minutes / 60)} hours.`;
}
