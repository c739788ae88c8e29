import type { SeatMapSnapshot, SharedSeatSnapshot } from "./contract";
import { IsolateCache } from "#app/utils/isolate-cache.server";

/**
 * How long an isolate serves one version of a showtime's seat map without asking the object again.
 * A page's map is a starting point (the live socket sends the current snapshot on connect, and a
 * hold is always judged by the object), so one second of staleness costs nothing; without it every
 * page view of a hot show queues behind that show's holds in the one object.
 */
export const SNAPSHOT_MAX_AGE_MS = 1000;
const MAX_SHOWTIMES = 500;

type Load = () => Promise<SharedSeatSnapshot>;

/**
 * A per-isolate cache of each showtime's shared snapshot, keyed by the object's version. An entry
 * is dropped at the first of: its max age, the earliest hold or claim expiry it contains (so an
 * expiry is never hidden), or a write this isolate made to that showtime (`forget`, called by the
 * seat gateway only).
 */
export class SnapshotCache {
  private readonly entries = new IsolateCache<string, SharedSeatSnapshot>(MAX_SHOWTIMES);
  /** Calls that reached the object (the bench and tests read it). */
  loads = 0;

  constructor(private readonly maxAgeMs = SNAPSHOT_MAX_AGE_MS) {}

  async shared(showtimeId: string, now: number, load: Load, maxAgeMs = this.maxAgeMs): Promise<SharedSeatSnapshot> {
    const hit = this.entries.get(showtimeId, now);
    if (hit) return hit;
    const generation = this.entries.generation(showtimeId);
    this.loads++;
    const snapshot = await load();
    if (maxAgeMs > 0) this.entries.set(showtimeId, snapshot, Math.min(now + maxAgeMs, snapshot.nextChangeAt ?? Infinity), generation);
    return snapshot;
  }

  /** The map as `viewerUserId` sees it: their own held seats are "yours". */
  async forViewer(showtimeId: string, viewerUserId: string | null, now: number, load: Load, maxAgeMs = this.maxAgeMs): Promise<SeatMapSnapshot> {
    return viewerSnapshot(await this.shared(showtimeId, now, load, maxAgeMs), viewerUserId, now);
  }

  /** This isolate changed the showtime's seats: its next view asks the object. */
  forget(showtimeId: string): void {
    this.entries.forget(showtimeId);
  }
}

export function viewerSnapshot(shared: SharedSeatSnapshot, viewerUserId: string | null, now: number): SeatMapSnapshot {
  const hold = viewerUserId ? shared.holds.find((h) => h.userId === viewerUserId && h.expiresAt > now) : undefined;
  const seats: SeatMapSnapshot["seats"] = { ...shared.seats };
  if (hold) for (const id of hold.seatIds) if (seats[id] === "held") seats[id] = "yours";
  const cooldown = viewerUserId && !hold ? (shared.cooldowns[viewerUserId] ?? 0) : 0;
  return { showtimeId: shared.showtimeId, version: shared.version, seats, yourHold: hold ? { ...hold } : null, yourCooldownUntil: cooldown > now ? cooldown : null, serverNow: now, roomOpensAt: shared.roomOpensAt };
}
