import type { ShowtimeSeats } from "#workers/showtime-seats";

/** The showtime's seat object. It is addressed by the showtime id and reads its own name, so calls don't repeat it. */
export function seatsOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string): DurableObjectStub<ShowtimeSeats> {
  return env.SHOWTIME_SEATS.getByName(showtimeId) as DurableObjectStub<ShowtimeSeats>;
}

export type SeatsClient = ReturnType<typeof seatsOf>;
