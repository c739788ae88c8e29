import { env } from "cloudflare:workers";
import type { ShowtimeSeats } from "#workers/showtime-seats";
import type { WaitingRoom } from "#workers/waiting-room";

/**
 * The raw Durable Object stubs, for `runInDurableObject`, `runDurableObjectAlarm`,
 * `evictDurableObject` and storage listings only: the one place outside the gateways
 * (app/seats/gateway.server.ts, app/queue/gateway.server.ts) that names the bindings. Anything a
 * fan or an operator could do goes through the gateways, as the app does.
 */
export const seatObject = (showtimeId: string) => env.SHOWTIME_SEATS.getByName(showtimeId) as DurableObjectStub<ShowtimeSeats>;
export const roomObject = (showtimeId: string) => env.WAITING_ROOM.getByName(showtimeId) as DurableObjectStub<WaitingRoom>;
export const seatObjectNamespace = () => env.SHOWTIME_SEATS;
export const roomObjectNamespace = () => env.WAITING_ROOM;
