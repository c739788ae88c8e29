/** The RPC surface of the WaitingRoom Durable Object (one per on-sale). Plain data only. */

export type RoomSettings = {
  showtimeId: string;
  opensAt: number;
  /** Fans admitted per minute; null: derived from seats left and the seat object's capacity. */
  ratePerMinute: number | null;
};

export type FanStatus =
  | { state: "not_joined" }
  /** Before opening: the order is drawn at `opensAt`, so there is no position yet. */
  | { state: "pre_queue"; opensAt: number }
  /** `number`: the fan's place in the whole line since opening (fixed); `position`: how far from the front now. */
  | { state: "waiting"; number: number; position: number; ahead: number; etaSeconds: number | null; paused: boolean }
  | { state: "admitted"; number: number; admittedAt: number }
  /** `number`: the fan's place, as for "waiting" (null for a fan who came when nothing was left and has none). */
  | { state: "sold_out"; number: number | null; position: number | null };

/** What a fan's call gets: nothing while the room is not gating (never opened, or ended). */
export type RoomVisit = { active: false } | { active: true; opensAt: number; status: FanStatus };

/**
 * What every fan's status is computed from besides their own place (ADR 026): shared by all fans,
 * so the Worker can keep one copy for a crowd. `admittedThrough`: every number up to it is admitted.
 */
export type RoomSummary =
  | { active: false }
  | { active: true; opensAt: number; opened: boolean; admittedThrough: number; paused: boolean; seatsLeft: number; ratePerMinute: number };

export type RoomStats = {
  showtimeId: string;
  opensAt: number;
  opened: boolean;
  paused: boolean;
  soldOut: boolean;
  preQueue: number;
  waiting: number;
  admitted: number;
  ratePerMinute: number;
  rateIsDerived: boolean;
  seatsLeft: number | null;
};

export interface WaitingRoomApi {
  configure(settings: RoomSettings): Promise<RoomStats>;
  end(): Promise<void>;
  visit(userId: string, opts: { join: boolean }): Promise<RoomVisit>;
  join(userId: string): Promise<FanStatus>;
  status(userId: string): Promise<FanStatus>;
  stats(): Promise<RoomStats>;
  summary(): Promise<RoomSummary>;
  setPaused(paused: boolean): Promise<RoomStats | null>;
  setRate(ratePerMinute: number | null): Promise<RoomStats | null>;
}
