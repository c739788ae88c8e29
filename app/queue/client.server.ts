import type { WaitingRoom } from "#workers/waiting-room";

/** The on-sale's waiting room, addressed by its showtime id. */
export function roomOf(env: Pick<Env, "WAITING_ROOM">, showtimeId: string): DurableObjectStub<WaitingRoom> {
  return env.WAITING_ROOM.getByName(showtimeId) as DurableObjectStub<WaitingRoom>;
}
