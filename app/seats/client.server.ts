import type { ShowtimeSeats } from "#workers/showtime-seats";
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
