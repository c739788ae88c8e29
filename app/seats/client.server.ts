import { eq } from "drizzle-orm";
import { showtimes } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import { perIsolate } from "#app/utils/isolate.server";
import { seatSnapshots } from "./snapshot-cache.server";

/**
 * The showtime's seat object. It is addressed by the showtime id and reads its own name, so calls don't repeat it.
 * Anything that asks the object directly may be changing its seats, so this isolate's cached map of
 * the show is dropped: a customer who just held, released or paid sees it on their next page.
 */
export function seatsOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): DurableObjectStub<ShowtimeSeats> {
  seatSnapshots(env).forget(showtimeId);
  return env.SHOWTIME_SEATS.getByName(showtimeId) as DurableObjectStub<ShowtimeSeats>;
}

export type SeatsClient = ReturnType<typeof seatsOf>;

/**
 * Called once a change to the show's seats has been answered: a page view that reached the object
 * between `seatsOf`'s forget and the change may have cached the map from before it, and the person
 * who made the change must see it on their next page.
 */
export function seatsChanged(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): void {
  seatSnapshots(env).forget(showtimeId);
}

/** Showtime ids this isolate has seen in D1; showtimes are never deleted once scheduled, so a hit stays true. */
const knownShowtimes = perIsolate("knownShowtimes", () => new Set<string>());
const KNOWN_SHOWTIMES_MAX = 20_000;

/**
 * The seat object of a showtime that exists, or null. Every id a client sends goes through here:
 * addressing an object creates it (and its storage), so a random id must be refused before that,
 * not by the object after. Known ids are remembered, so the hot hold path pays D1 once per isolate.
 */
export async function seatsOfExisting(s: { env: Pick<Env, "SHOWTIME_SEATS">; db: Db }, showtimeId: string): Promise<SeatsClient | null> {
  return (await showtimeExists(s, showtimeId)) ? seatsOf(s.env, showtimeId) : null;
}

/** Whether D1 has this showtime, without addressing (or forgetting the cached map of) its object. */
export async function showtimeExists(s: { db: Db }, showtimeId: string): Promise<boolean> {
  if (knownShowtimes.has(showtimeId)) return true;
  const row = await s.db.select({ id: showtimes.id }).from(showtimes).where(eq(showtimes.id, showtimeId)).get();
  if (!row) return false;
  if (knownShowtimes.size >= KNOWN_SHOWTIMES_MAX) knownShowtimes.clear();
  knownShowtimes.add(showtimeId);
  return true;
}
