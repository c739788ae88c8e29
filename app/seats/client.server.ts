import { eq } from "drizzle-orm";
import { showtimes } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import type { ShowtimeSeats } from "#workers/showtime-seats";

/** The showtime's seat object. It is addressed by the showtime id and reads its own name, so calls don't repeat it. */
export function seatsOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): DurableObjectStub<ShowtimeSeats> {
  return env.SHOWTIME_SEATS.getByName(showtimeId) as DurableObjectStub<ShowtimeSeats>;
}

export type SeatsClient = ReturnType<typeof seatsOf>;

/** Showtime ids this isolate has seen in D1; showtimes are never deleted once scheduled, so a hit stays true. */
const knownShowtimes = new Set<string>();
const KNOWN_SHOWTIMES_MAX = 20_000;

/**
 * The seat object of a showtime that exists, or null. Every id a client sends goes through here:
 * addressing an object creates it (and its storage), so a random id must be refused before that,
 * not by the object after. Known ids are remembered, so the hot hold path pays D1 once per isolate.
 */
export async function seatsOfExisting(s: { env: Pick<Env, "SHOWTIME_SEATS">; db: Db }, showtimeId: string): Promise<SeatsClient | null> {
  if (!knownShowtimes.has(showtimeId)) {
    const row = await s.db.select({ id: showtimes.id }).from(showtimes).where(eq(showtimes.id, showtimeId)).get();
    if (!row) return null;
    if (knownShowtimes.size >= KNOWN_SHOWTIMES_MAX) knownShowtimes.clear();
    knownShowtimes.add(showtimeId);
  }
  return seatsOf(s.env, showtimeId);
}
