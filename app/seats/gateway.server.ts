import { eq } from "drizzle-orm";
import { showtimes } from "#app/db/schema.server";
import type { Services } from "#app/utils/context.server";
import type { Db } from "#app/utils/db.server";
import { IsolateCache } from "#app/utils/isolate-cache.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import type { SeatMapSnapshot } from "./contract";
import { SnapshotCache } from "./snapshot-cache.server";

/**
 * The seat gateway: the only code that reaches the SHOWTIME_SEATS binding (a lint rule refuses it
 * anywhere else), and the one place that keeps this isolate's copies of a show's seats in step.
 * Every write drops the cached map of its show, before the call and once it is answered (a page view
 * that reached the object in between may have cached the map from before the change); reads never
 * drop it. Callers never clear a cache (ADR 030).
 */
type Stub = DurableObjectStub<ShowtimeSeats>;
/** What the object's own method returns: the types come from the class. */
type Result<M extends keyof ShowtimeSeats> = ShowtimeSeats[M] extends (...a: never[]) => infer R ? Promise<Awaited<R>> : never;

const snapshots = new SnapshotCache();

function stubOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): Stub {
  return env.SHOWTIME_SEATS.getByName(showtimeId) as Stub;
}

/** One showtime's seat object. It is addressed by the showtime id and reads its own name, so calls don't repeat it. */
export class SeatsClient {
  private readonly stub: Stub;

  constructor(
    env: Pick<Env, "SHOWTIME_SEATS">,
    readonly showtimeId: string,
  ) {
    this.stub = stubOf(env, showtimeId);
  }

  private async write<T>(call: (stub: Stub) => Promise<unknown>): Promise<T> {
    snapshots.forget(this.showtimeId);
    try {
      return (await call(this.stub)) as T;
    } finally {
      snapshots.forget(this.showtimeId);
    }
  }

  // Reads: straight to the object, the cached map untouched.
  snapshot(...a: Parameters<ShowtimeSeats["snapshot"]>): Result<"snapshot"> {
    return this.stub.snapshot(...a) as Result<"snapshot">;
  }
  /** The object's own answer, bypassing this isolate's copy (the chaos checker). */
  sharedSnapshot(): Result<"sharedSnapshot"> {
    return this.stub.sharedSnapshot() as Result<"sharedSnapshot">;
  }
  availability(): Result<"availability"> {
    return this.stub.availability() as Result<"availability">;
  }
  getHold(...a: Parameters<ShowtimeSeats["getHold"]>): Result<"getHold"> {
    return this.stub.getHold(...a) as Result<"getHold">;
  }
  /** The live map's WebSocket upgrade (workers/live.ts). */
  fetch(request: Request) {
    return this.stub.fetch(request);
  }

  // Writes: everything that can change what a snapshot shows.
  hold(...a: Parameters<ShowtimeSeats["hold"]>): Result<"hold"> {
    return this.write((s) => s.hold(...a));
  }
  release(...a: Parameters<ShowtimeSeats["release"]>): Result<"release"> {
    return this.write((s) => s.release(...a));
  }
  extend(...a: Parameters<ShowtimeSeats["extend"]>): Result<"extend"> {
    return this.write((s) => s.extend(...a));
  }
  claimForBooking(...a: Parameters<ShowtimeSeats["claimForBooking"]>): Result<"claimForBooking"> {
    return this.write((s) => s.claimForBooking(...a));
  }
  confirmSale(...a: Parameters<ShowtimeSeats["confirmSale"]>): Result<"confirmSale"> {
    return this.write((s) => s.confirmSale(...a));
  }
  releaseBooking(...a: Parameters<ShowtimeSeats["releaseBooking"]>): Result<"releaseBooking"> {
    return this.write((s) => s.releaseBooking(...a));
  }
  block(...a: Parameters<ShowtimeSeats["block"]>): Result<"block"> {
    return this.write((s) => s.block(...a));
  }
  unblock(...a: Parameters<ShowtimeSeats["unblock"]>): Result<"unblock"> {
    return this.write((s) => s.unblock(...a));
  }
  /** Re-reads the show's facts (layout, status, sold seats) from D1. */
  refresh(): Result<"refresh"> {
    return this.write((s) => s.refresh());
  }
  /** Chaos runs only (ADR 028): the object aborts itself, as an eviction would. */
  chaosEvict(): Result<"chaosEvict"> {
    return this.write((s) => s.chaosEvict());
  }
  setRoomGate(...a: Parameters<ShowtimeSeats["setRoomGate"]>): Result<"setRoomGate"> {
    return this.write((s) => s.setRoomGate(...a));
  }
}

export function seatsOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): SeatsClient {
  return new SeatsClient(env, showtimeId);
}

/**
 * The show's map as `viewerUserId` sees it, from this isolate's copy when it is fresh (a page's map
 * is a starting point: the live socket sends the current one, and a hold is judged by the object).
 */
export function seatMapFor(s: Pick<Services, "env" | "config" | "now">, showtimeId: string, viewerUserId: string | null): Promise<SeatMapSnapshot> {
  return snapshots.forViewer(showtimeId, viewerUserId, s.now, () => stubOf(s.env, showtimeId).sharedSnapshot(), s.config.SEAT_MAP_MAX_AGE_MS);
}

/** Showtime ids this isolate has seen in D1; showtimes are never deleted once scheduled, so a hit stays true. */
const knownShowtimes = new IsolateCache<string, true>(20_000);

/**
 * The seat object of a showtime that exists, or null. Every id a client sends goes through here:
 * addressing an object creates it (and its storage), so a random id must be refused before that,
 * not by the object after. Known ids are remembered, so the hot hold path pays D1 once per isolate.
 */
export async function seatsOfExisting(s: { env: Pick<Env, "SHOWTIME_SEATS">; db: Db }, showtimeId: string): Promise<SeatsClient | null> {
  return (await showtimeExists(s, showtimeId)) ? seatsOf(s.env, showtimeId) : null;
}

/** Whether D1 has this showtime, without addressing its object. */
export async function showtimeExists(s: { db: Db }, showtimeId: string): Promise<boolean> {
  if (knownShowtimes.get(showtimeId, 0)) return true;
  const row = await s.db.select({ id: showtimes.id }).from(showtimes).where(eq(showtimes.id, showtimeId)).get();
  if (!row) return false;
  knownShowtimes.set(showtimeId, true);
  return true;
}
