/**
 * The RPC surface of the ShowtimeSeats Durable Object: what the app, payments and the operator
 * console may ask of a showtime's seats. Plain data only, so it crosses the RPC boundary as is.
 */

export type SeatStatus = "available" | "held" | "sold" | "blocked";

/** A seat as one viewer sees it: their own held seats are "yours". The map, the live feed and the object share it. */
export type SeatView = SeatStatus | "yours";

export type Hold = {
  holdId: string;
  showtimeId: string;
  userId: string;
  seatIds: string[];
  /** When the user's first hold on this showtime began: the hold's life runs from here. */
  createdAt: number;
  expiresAt: number;
  /** Whether the one extension has been used. */
  extended: boolean;
  /** Whether an extension is still on offer (not used, and the ceiling leaves room). */
  canExtend: boolean;
};

export type SeatRefusalReason =
  | "unknown_seat"
  | "duplicate_seat"
  | "held_by_other"
  | "show_cancelled"
  | "sold"
  | "blocked"
  | "over_limit";

export type HoldRefusal =
  | { code: "seats_unavailable"; seats: { seatId: string; reason: SeatRefusalReason }[] }
  | { code: "too_many_seats"; max: number }
  | { code: "show_limit_reached"; max: number; owned: number }
  | { code: "cooling_down"; retryAt: number }
  | { code: "no_seats" }
  | { code: "showtime_started" }
  | { code: "showtime_unavailable" }
  | { code: "showtime_not_found" }
  /** A waiting room gates the show and the request carried no admission to its opening. */
  | { code: "admission_required" }
  /** A waiting room gates the show and the request did not pass the bot check. */
  | { code: "bot_check_required" };

/**
 * What the Worker established about a hold request before asking the object: the opening of the
 * waiting room its admission token is for (verified: signature, account, showtime, expiry), and
 * whether it passed the bot check. The object alone knows whether a room gates the show.
 */
export type HoldPass = { admittedFor: number | null; human: boolean };

export type HoldResult = { ok: true; hold: Hold } | { ok: false; refusal: HoldRefusal };

export type ExtendResult = { ok: true; hold: Hold } | { ok: false; reason: "no_hold" | "already_extended" | "at_ceiling" };

/** The seat map as one viewer sees it: their own held seats come back as "yours". */
export type SeatMapSnapshot = {
  showtimeId: string;
  version: number;
  seats: Record<string, SeatView>;
  yourHold: Hold | null;
  /** With no live hold: until when the viewer must wait before holding seats here again. */
  yourCooldownUntil: number | null;
  serverNow: number;
  /** The opening of the waiting room that gates holds on this show, or null when none does. */
  roomOpensAt: number | null;
};

/** The map with no viewer ("held" for every hold) and the live holds, for a Worker-side cache. */
export type SharedSeatSnapshot = {
  showtimeId: string;
  version: number;
  seats: Record<string, SeatStatus>;
  holds: Hold[];
  /** Users cooling down after a hold ended, and until when (server side only, never sent to a page). */
  cooldowns: Record<string, number>;
  serverNow: number;
  /** The earliest moment a hold or claim lapses on its own: no cached copy may outlive it. */
  nextChangeAt: number | null;
  /** The opening of the waiting room that gates holds on this show, or null when none does. */
  roomOpensAt: number | null;
};

/** Claims turn into sales only once D1 has confirmed the booking (see ADR 004). */
export type ClaimResult =
  | { ok: true }
  | { ok: false; seats: { seatId: string; reason: SeatRefusalReason }[] };

export interface ShowtimeSeatsApi {
  snapshot(viewerUserId: string | null): Promise<SeatMapSnapshot>;
  sharedSnapshot(): Promise<SharedSeatSnapshot>;
  /** Without a pass (or with one that doesn't fit), a show gated by a waiting room refuses the hold. */
  hold(userId: string, seatIds: string[], pass?: HoldPass): Promise<HoldResult>;
  /** The waiting room's opening while one gates holds (the operator opened it), or null once it ends. */
  setRoomGate(opensAt: number | null): Promise<void>;
  availability(): Promise<{ total: number; free: number }>;
  getHold(holdId: string): Promise<Hold | null>;
  release(userId: string, holdId: string): Promise<boolean>;
  /** The one visible extension of a user's hold, within the ceiling. */
  extend(userId: string, holdId: string): Promise<ExtendResult>;
  /** Reserve seats for a paid booking: free seats or seats in this user's own hold only. */
  claimForBooking(bookingId: string, userId: string, seatIds: string[]): Promise<ClaimResult>;
  /** D1 has the booking CONFIRMED: the claim becomes a sale. Idempotent. */
  confirmSale(bookingId: string): Promise<void>;
  /** D1 refused or the booking was cancelled/refunded: the booking's seats go back on sale. Idempotent. */
  releaseBooking(bookingId: string): Promise<void>;
  block(seatIds: string[]): Promise<{ ok: true } | { ok: false; seats: { seatId: string; reason: SeatRefusalReason }[] }>;
  unblock(seatIds: string[]): Promise<void>;
  /** Re-reads the showtime from D1 (after an operator edits or cancels it) and resends the map. */
  refresh(): Promise<void>;
}
