import type { Services } from "#app/utils/context.server";
import { perIsolate } from "#app/utils/isolate.server";
import type { RoomSummary } from "./contract";
import { roomOf } from "./client.server";

type Entry = { summary: RoomSummary; at: number; refreshing: boolean };

/**
 * The room's shared state (opened, how far admissions have gone, paused, seats left, rate), kept by
 * this isolate for QUEUE_STATUS_MAX_AGE_MS: every fan with a place pass is answered from it, so a
 * crowd's polls cost the room one call per isolate per interval instead of one per fan (ADR 026).
 * While one request refreshes it the others use the previous copy, for at most twice the max age
 * (plain data: no request waits on a promise another request made, which workerd would cancel with
 * that request). Only ever late with good news: a fan it calls admitted is confirmed by the room.
 */
const summaries = perIsolate("room-summaries", () => new Map<string, Entry>());
/** Bumped by `forgetRoomSummary`, so a refresh already on its way is not kept over the operator's change. */
const generations = perIsolate("room-summary-generations", () => new Map<string, number>());
/** A copy this old is not used even while a refresh is under way (that refresh may have died with its request). */
const GIVE_UP_FACTOR = 2;

export async function roomSummary(s: Pick<Services, "env" | "config" | "now">, showtimeId: string): Promise<RoomSummary> {
  const maxAge = s.config.QUEUE_STATUS_MAX_AGE_MS;
  const entry = summaries.get(showtimeId);
  if (entry && maxAge > 0) {
    const age = s.now - entry.at;
    if (age < maxAge || (entry.refreshing && age < maxAge * GIVE_UP_FACTOR)) return entry.summary;
  }
  if (entry) entry.refreshing = true;
  const generation = generations.get(showtimeId) ?? 0;
  try {
    const summary = await roomOf(s.env, showtimeId).summary();
    if (maxAge > 0 && (generations.get(showtimeId) ?? 0) === generation) summaries.set(showtimeId, { summary, at: s.now, refreshing: false });
    return summary;
  } finally {
    if (entry) entry.refreshing = false;
  }
}

/** The operator changed the room (opened, ended, paused, rate): this isolate stops using its copy at once. */
export function forgetRoomSummary(showtimeId: string): void {
  summaries.delete(showtimeId);
  if (generations.size >= 1000) generations.clear();
  generations.set(showtimeId, (generations.get(showtimeId) ?? 0) + 1);
}
