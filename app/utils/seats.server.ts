import type { ShowtimeSeats } from "#workers/showtime-seats";

/**
 * Typed access to a showtime's seat object. Every call names the showtime, so a cold object
 * knows which showtime to load from D1 on first use.
 */
export function seatsOf(env: Pick<Env, "SHOWTIME_SEATS">, showtimeId: string) {
  const stub = env.SHOWTIME_SEATS.get(env.SHOWTIME_SEATS.idFromName(showtimeId)) as DurableObjectStub<ShowtimeSeats>;
  return {
    stub,
    snapshot: (viewerUserId: string | null) => stub.snapshot(viewerUserId, showtimeId),
    hold: (userId: string, seatIds: string[]) => stub.hold(userId, seatIds, showtimeId),
    getHold: (holdId: string) => stub.getHold(holdId),
    release: (userId: string, holdId: string) => stub.release(userId, holdId),
    claimForBooking: (bookingId: string, userId: string, seatIds: string[]) =>
      stub.claimForBooking(bookingId, userId, seatIds, showtimeId),
    confirmSale: (bookingId: string) => stub.confirmSale(bookingId),
    releaseBooking: (bookingId: string) => stub.releaseBooking(bookingId),
    block: (seatIds: string[]) => stub.block(seatIds, showtimeId),
    unblock: (seatIds: string[]) => stub.unblock(seatIds),
    refresh: () => stub.refreshShowtime(showtimeId),
  };
}

export type SeatsClient = ReturnType<typeof seatsOf>;
