import { createTranslator, type Translate } from "#app/i18n/format";
import { en } from "#app/i18n/messages/en";
import type { HoldRefusal, SeatRefusalReason } from "#app/seats/contract";

/**
 * Pure seat-hold rules. The Durable Object owns storage and time; these functions only decide,
 * given what is occupied and `now`, so every rule is testable without the runtime.
 */

export type Occupant =
  | { kind: "held"; userId: string; holdId: string; expiresAt: number }
  | { kind: "claimed"; bookingId: string; userId: string; expiresAt: number }
  | { kind: "sold"; bookingId: string | null; userId?: string | null }
  | { kind: "blocked" };

export type HoldRules = {
  maxSeatsPerUser: number;
  /** A hold's life from the user's first hold on the showtime; re-holding never renews it. */
  ttlMs: number;
  /** The one extension a user may ask for. */
  extendMs: number;
  /** No hold outlives its first hold by more than this, extension included. */
  ceilingMs: number;
  /** After a hold expires or is released, the user waits this long before holding on that showtime again. */
  cooldownMs: number;
};

/** The part of a user's current hold that decides its life. */
export type HoldLife = { createdAt: number; expiresAt: number; extended: boolean };

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
  /** Seats this user already has in bookings for the showtime (paid or being paid). */
  ownedSeats?: number;
  /** Until when this user may not start a new hold on the showtime (null: no cool-down). */
  cooldownUntil?: number | null;
  /** Whether the user has a live hold now (changing seats is not a new hold, so no cool-down applies). */
  hasLiveHold?: boolean;
}): HoldRefusal | null {
  const { userId, seatIds, showtime, rules, now, occupantOf } = args;
  const owned = args.ownedSeats ?? 0;
  if (showtime.status !== "SCHEDULED") return { code: "showtime_unavailable" };
  if (showtime.startsAt <= now) return { code: "showtime_started" };
  if (!args.hasLiveHold && args.cooldownUntil != null && args.cooldownUntil > now) return { code: "cooling_down", retryAt: args.cooldownUntil };
  if (seatIds.length === 0) return { code: "no_seats" };
  if (seatIds.length > rules.maxSeatsPerUser) return { code: "too_many_seats", max: rules.maxSeatsPerUser };
  if (seatIds.length + owned > rules.maxSeatsPerUser) return { code: "show_limit_reached", max: rules.maxSeatsPerUser, owned };

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

/**
 * The life of the hold a user is placing: a user who already has a live hold keeps its start,
 * deadline and extension, whichever seats they pick and from however many tabs; only a user
 * with no live hold starts a fresh life.
 */
export function nextHoldLife(current: HoldLife | null, now: number, rules: HoldRules): HoldLife {
  if (current && current.expiresAt > now) return { createdAt: current.createdAt, expiresAt: current.expiresAt, extended: current.extended };
  return { createdAt: now, expiresAt: now + rules.ttlMs, extended: false };
}

export type ExtensionRefusal = "no_hold" | "already_extended" | "at_ceiling";

/** The one extension: `extendMs` more, never past `createdAt + ceilingMs`. */
export function extendHoldLife(current: HoldLife | null, now: number, rules: HoldRules): { ok: true; life: HoldLife } | { ok: false; reason: ExtensionRefusal } {
  if (!current || current.expiresAt <= now) return { ok: false, reason: "no_hold" };
  if (current.extended) return { ok: false, reason: "already_extended" };
  const expiresAt = Math.min(current.expiresAt + rules.extendMs, current.createdAt + rules.ceilingMs);
  if (expiresAt <= current.expiresAt) return { ok: false, reason: "at_ceiling" };
  return { ok: true, life: { createdAt: current.createdAt, expiresAt, extended: true } };
}

/** Whether the one extension is still on offer for this hold. */
export function canExtend(life: HoldLife, now: number, rules: HoldRules): boolean {
  return extendHoldLife(life, now, rules).ok;
}

/** When a user whose hold ended at `endedAt` (expiry or release) may hold seats on the showtime again. */
export function cooldownUntil(endedAt: number, rules: HoldRules): number | null {
  return rules.cooldownMs > 0 ? endedAt + rules.cooldownMs : null;
}

/**
 * Seats a user has in bookings for the showtime (claimed for a payment or sold), apart from
 * `exceptBooking`: with the seats being held or claimed they must stay within the per-show limit.
 */
export function seatsOwnedBy(occupants: Iterable<Occupant>, userId: string, exceptBooking?: string): number {
  let n = 0;
  for (const occ of occupants) {
    if ((occ.kind === "claimed" || occ.kind === "sold") && occ.userId === userId && occ.bookingId !== exceptBooking) n += 1;
  }
  return n;
}

/** The next moment the alarm must run, or null when nothing is pending. */
export function nextAlarmAt(deadlines: Iterable<number>): number | null {
  let earliest: number | null = null;
  for (const t of deadlines) if (earliest === null || t < earliest) earliest = t;
  return earliest;
}


/** "in 2 minutes" / "in 45 seconds": when a refused user can try again. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}

const EXTENSION_TEXT: Record<ExtensionRefusal, string> = {
  no_hold: "Your hold has already ended, so there is nothing to extend. Pick seats again.",
  already_extended: "You've already used your one extension for this hold.",
  at_ceiling: "This hold can't be extended any further.",
};

export function describeExtensionRefusal(reason: ExtensionRefusal): string {
  return EXTENSION_TEXT[reason];
}

/** A wait as a message's `unit` and `n`: seconds under 90, else whole minutes rounded up. */
export function waitParts(ms: number): { unit: "second" | "minute"; n: number } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 90 ? { unit: "second", n: seconds } : { unit: "minute", n: Math.ceil(seconds / 60) };
}

const ENGLISH = createTranslator("en", en);

/** A sentence a moviegoer can act on, in the fan's language (`t`); `now` words a cool-down's wait. */
export function describeRefusal(refusal: HoldRefusal, now = Date.now(), t: Translate = ENGLISH): string {
  switch (refusal.code) {
    case "cooling_down":
      return t("refusal.cooling_down", waitParts(refusal.retryAt - now));
    case "show_limit_reached":
      return refusal.owned >= refusal.max
        ? t("refusal.showLimitFull", { owned: refusal.owned })
        : t("refusal.showLimitSome", { owned: refusal.owned, more: refusal.max - refusal.owned, max: refusal.max });
    case "seats_unavailable":
      return t("refusal.seatsUnavailable", { list: refusal.seats.map((s) => t("refusal.seat", { seat: s.seatId, reason: s.reason })).join("; ") });
    case "too_many_seats":
      return t("refusal.too_many_seats", { max: refusal.max });
    case "no_seats":
      return t("refusal.no_seats");
    case "showtime_started":
      return t("showtime.started");
    case "showtime_unavailable":
      return t("refusal.showtime_unavailable");
    case "showtime_not_found":
      return t("showtime.notFound");
    case "admission_required":
      return t("refusal.admission_required");
    case "bot_check_required":
      return t("refusal.bot_check_required");
  }
}
