import { DurableObject } from "cloudflare:workers";

/** One instance per showtime: the only writer of seat holds for it. */
export class ShowtimeSeats extends DurableObject<Env> {
  async ping(): Promise<string> {
    return "pong";
  }
}
