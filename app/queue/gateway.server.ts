import type { Services } from "#app/utils/context.server";
import { IsolateCache } from "#app/utils/isolate-cache.server";
import type { WaitingRoom } from "#workers/waiting-room";
import type { RoomSummary } from "./contract";

/**
 * The waiting-room gateway: the only code that reaches the WAITING_ROOM binding (a lint rule refuses
 * it anywhere else), and the one place that keeps this isolate's copy of each room's summary in
 * step: the operator's writes (configure, end, pause, rate) drop it before and after the call;
 * fans' visits and reads never do (ADR 030).
 */
type Stub = DurableObjectStub<WaitingRoom>;
/** What the object's own method returns: the types come from the class. */
type Result<M extends keyof WaitingRoom> = WaitingRoom[M] extends (...a: never[]) => infer R ? Promise<Awaited<R>> : never;

/**
 * The room's shared state (opened, how far admissions have gone, paused, seats left, rate), kept by
 * this isolate for QUEUE_STATUS_MAX_AGE_MS: every fan with a place pass is answered from it, so a
 * crowd's polls cost the room one call per isolate per interval instead of one per fan (ADR 026).
 * While one request refreshes it the others use the previous copy, for at most twice the max age
 * (plain data: no request waits on a promise another request made, which workerd would cancel with
 * that request). Only ever late with good news: a fan it calls admitted is confirmed by the room.
 */
const summaries = new IsolateCache<string, RoomSummary>(1000);
/** Rooms whose summary one request is refreshing now: the others keep using the previous copy. */
const refreshing = new Set<string>();
/** A copy this old is not used even while a refresh is under way (that refresh may have died with its request). */
const GIVE_UP_FACTOR = 2;

/** One on-sale's waiting room, addressed by its showtime id. */
export class RoomClient {
  private readonly stub: Stub;

  constructor(
    env: Pick<Env, "WAITING_ROOM">,
    readonly showtimeId: string,
  ) {
    this.stub = env.WAITING_ROOM.getByName(showtimeId) as Stub;
  }

  private async write<T>(call: (stub: Stub) => Promise<unknown>): Promise<T> {
    summaries.forget(this.showtimeId);
    try {
      return (await call(this.stub)) as T;
    } finally {
      summaries.forget(this.showtimeId);
    }
  }

  // A fan's visit, join and status change only that fan's place; the summary's copy may lag them.
  visit(...a: Parameters<WaitingRoom["visit"]>): Result<"visit"> {
    return this.stub.visit(...a) as Result<"visit">;
  }
  join(...a: Parameters<WaitingRoom["join"]>): Result<"join"> {
    return this.stub.join(...a) as Result<"join">;
  }
  status(...a: Parameters<WaitingRoom["status"]>): Result<"status"> {
    return this.stub.status(...a) as Result<"status">;
  }
  stats(): Result<"stats"> {
    return this.stub.stats() as Result<"stats">;
  }
  /** Uncached: most callers want `roomSummary`. */
  summary(): Result<"summary"> {
    return this.stub.summary() as Result<"summary">;
  }

  // The operator's changes.
  configure(...a: Parameters<WaitingRoom["configure"]>): Result<"configure"> {
    return this.write((s) => s.configure(...a));
  }
  end(): Result<"end"> {
    return this.write((s) => s.end());
  }
  setPaused(...a: Parameters<WaitingRoom["setPaused"]>): Result<"setPaused"> {
    return this.write((s) => s.setPaused(...a));
  }
  setRate(...a: Parameters<WaitingRoom["setRate"]>): Result<"setRate"> {
    return this.write((s) => s.setRate(...a));
  }
}

export function roomOf(env: Pick<Env, "WAITING_ROOM">, showtimeId: string): RoomClient {
  return new RoomClient(env, showtimeId);
}

/** The room's summary, from this isolate's copy while it is fresh (see `summaries`). */
export async function roomSummary(s: Pick<Services, "env" | "config" | "now">, showtimeId: string): Promise<RoomSummary> {
  const maxAge = s.config.QUEUE_STATUS_MAX_AGE_MS;
  const entry = summaries.peek(showtimeId);
  if (entry && maxAge > 0) {
    const age = s.now - (entry.validUntil - maxAge);
    if (age < maxAge || (refreshing.has(showtimeId) && age < maxAge * GIVE_UP_FACTOR)) return entry.value;
  }
  if (entry) refreshing.add(showtimeId);
  const generation = summaries.generation(showtimeId);
  try {
    const summary = await roomOf(s.env, showtimeId).summary();
    if (maxAge > 0) summaries.set(showtimeId, summary, s.now + maxAge, generation);
    return summary;
  } finally {
    refreshing.delete(showtimeId);
  }
}
