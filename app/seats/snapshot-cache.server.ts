import type { SeatMapSnapshot, SharedSeatSnapshot } from "./contract";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { perIsolate } from "#app/utils/isolate.server";

/**
 * How long an isolate serves one version of a showtime's seat map without asking the object again.
 * A page's map is a starting point (the live socket sends the current snapshot on connect, and a
 * hold is always judged by the object), so one second of staleness costs nothing; without it every
 * page view of a hot show queues behind that show's holds in the one object.
 */
export const SNAPSHOT_MAX_AGE_MS = 1000;
const MAX_SHOWTIMES = 500;

type Entry = { snapshot: SharedSeatSnapshot; validUntil: number };
type Load = (showtimeId: string) => Promise<SharedSeatSnapshot>;

/**
 * A per-isolate cache of each showtime's shared snapshot, keyed by the object's version. An entry
 * is dropped at the first of: its max age, the earliest hold or claim expiry it contains (so an
 * expiry is never hidden), or a write this isolate made to that showtime (`forget`).
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by `forget`, so an answer that was already on its way is not cached over a newer write. */
  private readonly writes = new Map<string, number>();
  /** Calls that reached the object (the bench and tests read it). */
  loads = 0;

  constructor(
    private readonly load: Load,
    private readonly maxAgeMs = SNAPSHOT_MAX_AGE_MS,
  ) {}

  async shared(showtimeId: string, now: number): Promise<SharedSeatSnapshot> {
    const hit = this.entries.get(showtimeId);
    if (hit && now < hit.validUntil) return hit.snapshot;
    // Misses are not shared between requests: a Worker may not await I/O (an RPC answer) that
    // belongs to another request, so each request asks the object itself and only plain data is kept.
    const generation = this.writes.get(showtimeId) ?? 0;
    this.loads++;
    const snapshot = await this.load(showtimeId);
    if ((this.writes.get(showtimeId) ?? 0) === generation) {
      if (this.entries.size >= MAX_SHOWTIMES && !this.entries.has(showtimeId)) this.entries.clear();
      this.entries.set(showtimeId, { snapshot, validUntil: Math.min(now + this.maxAgeMs, snapshot.nextChangeAt ?? Infinity) });
    }
    return snapshot;
  }

  /** The map as `viewerUserId` sees it: their own held seats are "yours". */
  async forViewer(showtimeId: string, viewerUserId: string | null, now: number): Promise<SeatMapSnapshot> {
    return viewerSnapshot(await this.shared(showtimeId, now), viewerUserId, now);
  }

  /** This isolate may have changed the showtime's seats (see seatsOf): its next view asks the object. */
  forget(showtimeId: string): void {
    this.entries.delete(showtimeId);
    if (this.writes.size >= MAX_SHOWTIMES) this.writes.clear();
    this.writes.set(showtimeId, (this.writes.get(showtimeId) ?? 0) + 1);
  }
}

export function viewerSnapshot(shared: SharedSeatSnapshot, viewerUserId: string | null, now: number): SeatMapSnapshot {
  const hold = viewerUserId ? shared.holds.find((h) => h.userId === viewerUserId && h.expiresAt > now) : undefined;
  const seats: SeatMapSnapshot["seats"] = { ...shared.seats };
  if (hold) for (const id of hold.seatIds) if (seats[id] === "held") seats[id] = "yours";
  const cooldown = viewerUserId && !hold ? (shared.cooldowns[viewerUserId] ?? 0) : 0;
  return { showtimeId: shared.showtimeId, version: shared.version, seats, yourHold: hold ? { ...hold } : null, yourCooldownUntil: cooldown > now ? cooldown : null, serverNow: now, roomOpensAt: shared.roomOpensAt };
}

/** The isolate's cache, asking each showtime's object. */
export function seatSnapshots(env: Pick<Env, "SHOWTIME_SEATS">): SnapshotCache {
  // The cache outlives a request; the binding it asks through is the calling request's own.
  const current = perIsolate("seatSnapshotsEnv", () => ({ env }));
  current.env = env;
  // Not seatsOf(): reading must not count as a write that forgets the entry.
  return perIsolate("seatSnapshots", () => new SnapshotCache((id) => (current.env.SHOWTIME_SEATS.getByName(id) as DurableObjectStub<ShowtimeSeats>).sharedSnapshot()));
}
