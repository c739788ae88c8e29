import type { HoldRefusal, SeatRefusalReason } from "#app/seats/contract";

/**
 * Pure seat-hold rules. The Durable Object owns storage and time; these functions only decide,
 * given what is occupied and `now`, so every rule is testable without the runtime.
 */

export type Occupant =
  | { kind: "held"; userId: string; holdId: string; expiresAt: number }
  | { kind: "claimed"; bookingId: string; userId: string; expiresAt: number }
  | { kind: "sold"; bookingId: string | null }
  | { kind: "blocked" };

export type HoldRules = {
  maxSeatsPerUser: number;
  ttlMs: number;
};

export type ShowtimeFacts = {
  seatIds: ReadonlySet<string>;
  startsAt: number;
  status: "SCHEDULED" | "CANCELLED";
};

/** A hold whose expiry has passed is gone, whether or not the alarm has swept it yet. */
export function isLive(occupant: Occupant | undefined, now: number): occupant is Occupant {
  if (!occupant) return false;
  if (occupant.kind === "held") return occupant.expiresAt > now;
  return true;
}

export function checkHoldRequest(args: {
  userId: string;
  seatIds: readonly string[];
  showtime: ShowtimeFacts;
  rules: HoldRules;
  now: number;
  occupantOf: (seatId: string) => Occupant | undefined;
}): HoldRefusal | null {
  const { userId, seatIds, showtime, rules, now, occupantOf } = args;
  if (showtime.status !== "SCHEDULED") return { code: "showtime_unavailable" };
  if (showtime.startsAt <= now) return { code: "showtime_started" };
  if (seatIds.length === 0) return { code: "no_seats" };
  if (seatIds.length > rules.maxSeatsPerUser) return { code: "too_many_seats", max: rules.maxSeatsPerUser };

  const problems: { seatId: string; reason: SeatRefusalReason }[] = [];
  const seen = new Set<string>();
  for (const seatId of seatIds) {
    if (seen.has(seatId)) {
      problems.push({ seatId, reason: "duplicate_seat" });
      continue;
    }
    seen.add(seatId);
    if (!showtime.seatIds.has(seatId)) {
      problems.push({ seatId, reason: "unknown_seat" });
      continue;
    }
    const reason = refusalFor(occupantOf(seatId), userId, now);
    if (reason) problems.push({ seatId, reason });
  }
  return problems.length ? { code: "seats_unavailable", seats: problems } : null;
}

/** Why `userId` cannot take a seat right now, or null if it is free (or already theirs). */
export function refusalFor(occupant: Occupant | undefined, userId: string, now: number): SeatRefusalReason | null {
  if (!isLive(occupant, now)) return null;
  switch (occupant.kind) {
    case "held":
      return occupant.userId === userId ? null : "held_by_other";
    case "claimed":
    case "sold":
      return "sold";
    case "blocked":
      return "blocked";
  }
}

type SeatProblem = { seatId: string; reason: SeatRefusalReason };

/**
 * Which seats a paid booking cannot claim: free seats and the buyer's own held seats can be
 * claimed; a seat already claimed or sold for this very booking is fine (a retried claim).
 * `seatIds` null means the showtime is unknown, so no seat can be checked against the layout.
 */
export function checkClaim(args: {
  bookingId: string;
  userId: string;
  seatIds: readonly string[];
  showtime: Pick<ShowtimeFacts, "seatIds" | "status"> | null;
  now: number;
  occupantOf: (seatId: string) => Occupant | undefined;
}): SeatProblem[] {
  const { bookingId, userId, seatIds, showtime, now, occupantOf } = args;
  // Money that arrives for a cancelled show buys nothing: the payment flow refunds it.
  if (showtime?.status === "CANCELLED") return seatIds.map((seatId) => ({ seatId, reason: "show_cancelled" }));
  const problems: SeatProblem[] = [];
  for (const seatId of seatIds) {
    if (showtime && !showtime.seatIds.has(seatId)) {
      problems.push({ seatId, reason: "unknown_seat" });
      continue;
    }
    const occ = occupantOf(seatId);
    if ((occ?.kind === "claimed" || occ?.kind === "sold") && occ.bookingId === bookingId) continue;
    const reason = refusalFor(occ, userId, now);
    if (reason) problems.push({ seatId, reason });
  }
  return problems;
}

/** Which seats an operator cannot block: unknown ones, and any a fan holds, has paid for or bought. */
export function checkBlock(args: {
  seatIds: readonly string[];
  showtime: Pick<ShowtimeFacts, "seatIds"> | null;
  now: number;
  occupantOf: (seatId: string) => Occupant | undefined;
}): SeatProblem[] {
  const { seatIds, showtime, now, occupantOf } = args;
  const problems: SeatProblem[] = [];
  for (const seatId of seatIds) {
    if (!showtime?.seatIds.has(seatId)) {
      problems.push({ seatId, reason: "unknown_seat" });
      continue;
    }
    const occ = occupantOf(seatId);
    if (isLive(occ, now) && occ.kind !== "blocked") problems.push({ seatId, reason: refusalFor(occ, "", now) ?? "blocked" });
  }
  return problems;
}

export function holdExpiry(now: number, rules: HoldRules): number {
  return now + rules.ttlMs;
}

/** The next moment the alarm must run, or null when nothing is pending. */
export function nextAlarmAt(deadlines: Iterable<number>): number | null {
  let earliest: number | null = null;
  for (const t of deadlines) if (earliest === null || t < earliest) earliest = t;
  return earliest;
}

const REASON_TEXT: Record<SeatRefusalReason, string> = {
  unknown_seat: "is not a seat in this screen",
  duplicate_seat: "was selected twice",
  held_by_other: "was just taken by someone else",
  sold: "is already sold",
  blocked: "is not for sale",
  show_cancelled: "is in a show that has been cancelled",
};

/** A sentence a moviegoer can act on. */
export function describeRefusal(refusal: HoldRefusal): string {
  switch (refusal.code) {
    case "seats_unavailable":
      return refusal.seats.map((s) => `${s.seatId} ${REASON_TEXT[s.reason]}`).join("; ") + ". Please pick other seats.";
    case "too_many_seats":
      return `You can book at most ${refusal.max} seats per show.`;
    case "no_seats":
      return "Pick at least one seat.";
    case "showtime_started":
      return "This show has already started, so booking is closed.";
    case "showtime_unavailable":
      return "This show is not open for booking.";
    case "showtime_not_found":
      return "We couldn't find that showtime.";
  }
}
