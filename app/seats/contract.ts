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
  createdAt: number;
  expiresAt: number;
};

export type SeatRefusalReason =
  | "unknown_seat"
  | "duplicate_seat"
  | "held_by_other"
  | "show_cancelled"
  | "sold"
  | "blocked";

export type HoldRefusal =
  | { code: "seats_unavailable"; seats: { seatId: string; reason: SeatRefusalReason }[] }
  | { code: "too_many_seats"; max: number }
  | { code: "no_seats" }
  | { code: "showtime_started" }
  | { code: "showtime_unavailable" }
  | { code: "showtime_not_found" };

export type HoldResult = { ok: true; hold: Hold } | { ok: false; refusal: HoldRefusal };

/** The seat map as one viewer sees it: their own held seats come back as "yours". */
export type SeatMapSnapshot = {
  showtimeId: string;
  version: number;
  seats: Record<string, SeatView>;
  yourHold: Hold | null;
  serverNow: number;
};

/** The map with no viewer ("held" for every hold) and the live holds, for a Worker-side cache. */
export type SharedSeatSnapshot = {
  showtimeId: string;
  version: number;
  seats: Record<string, SeatStatus>;
  holds: Hold[];
  serverNow: number;
  /** The earliest moment a hold or claim lapses on its own: no cached copy may outlive it. */
  nextChangeAt: number | null;
};

/** Claims turn into sales only once D1 has confirmed the booking (see ADR 004). */
export type ClaimResult =
  | { ok: true }
  | { ok: false; seats: { seatId: string; reason: SeatRefusalReason }[] };

export interface ShowtimeSeatsApi {
  snapshot(viewerUserId: string | null): Promise<SeatMapSnapshot>;
  sharedSnapshot(): Promise<SharedSeatSnapshot>;
  hold(userId: string, seatIds: string[]): Promise<HoldResult>;
  getHold(holdId: string): Promise<Hold | null>;
  release(userId: string, holdId: string): Promise<boolean>;
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
