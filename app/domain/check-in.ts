import { formatShowDate, formatShowTime, localDateKey } from "./time";

/**
 * The door's rules, in one pure function: may this ticket come in, here, now? The server asks it
 * before admitting anyone, and the words of each refusal are what the usher reads out.
 */

export type DoorPlace = { cinemaId: string; screenId?: string | null };
export type DoorWindow = { opensMinutesBefore: number; closesMinutesAfterEnd: number };

export type DoorTicket = {
  cinemaId: string;
  cinemaName: string;
  screenId: string;
  screenName: string;
  startsAt: number;
  runtimeMinutes: number;
  timeZone: string;
  bookingStatus: string;
  showtimeStatus: string;
};

export type DoorRefusal =
  | { reason: "wrong_cinema"; cinemaName: string }
  | { reason: "wrong_screen"; screenName: string }
  | { reason: "cancelled"; status: string }
  | { reason: "wrong_day"; day: string }
  | { reason: "not_yet_open"; opensAt: number }
  | { reason: "show_over"; endedAt: number };

export function doorOpensAt(t: Pick<DoorTicket, "startsAt">, w: DoorWindow): number {
  return t.startsAt - w.opensMinutesBefore * 60_000;
}

export function doorClosesAt(t: Pick<DoorTicket, "startsAt" | "runtimeMinutes">, w: DoorWindow): number {
  return t.startsAt + (t.runtimeMinutes + w.closesMinutesAfterEnd) * 60_000;
}

/** How close to its door window a ticket on another calendar day is still just early or late. */
const NEAR_WINDOW_MS = 3 * 60 * 60_000;

/** null: admit. Otherwise the first reason that applies, most fundamental first. */
export function judgeAtDoor(ticket: DoorTicket, place: DoorPlace, now: number, window: DoorWindow): DoorRefusal | null {
  if (ticket.cinemaId !== place.cinemaId) return { reason: "wrong_cinema", cinemaName: ticket.cinemaName };
  if (place.screenId && ticket.screenId !== place.screenId) return { reason: "wrong_screen", screenName: ticket.screenName };
  if (ticket.showtimeStatus === "CANCELLED") return { reason: "cancelled", status: "SHOW_CANCELLED" };
  if (ticket.bookingStatus !== "CONFIRMED") return { reason: "cancelled", status: ticket.bookingStatus };
  const opensAt = doorOpensAt(ticket, window);
  const closesAt = doorClosesAt(ticket, window);
  if (now >= opensAt && now <= closesAt) return null;
  // Near its window the clock is what matters: at 23:00 a midnight show's fan is early, not on the
  // wrong day, and at 00:30 a late show that just ended is over. Further off, the date decides the words.
  const nearWindow = now >= opensAt - NEAR_WINDOW_MS && now <= closesAt + NEAR_WINDOW_MS;
  if (!nearWindow && localDateKey(now, ticket.timeZone) !== localDateKey(ticket.startsAt, ticket.timeZone)) {
    return { reason: "wrong_day", day: formatShowDate(ticket.startsAt, ticket.timeZone) };
  }
  return now < opensAt ? { reason: "not_yet_open", opensAt } : { reason: "show_over", endedAt: closesAt };
}

/** The cinema's clock as the rest of Marquee writes it ("7:02 pm"): tickets and the door agree. */
export function doorClock(epochMs: number, timeZone: string): string {
  return formatShowTime(epochMs, timeZone);
}

const STATUS_WORDS: Record<string, string> = {
  SHOW_CANCELLED: "the show was cancelled",
  CANCELLED: "this booking was cancelled",
  REFUNDED: "this booking was refunded",
  REFUND_PENDING: "this booking is being refunded",
  PENDING_PAYMENT: "this booking is not paid",
  EXPIRED: "this booking expired (never paid)",
  FAILED: "this booking's payment failed",
};

/** The words on the big red banner. */
export function refusalHeadline(r: DoorRefusal, timeZone: string): string {
  switch (r.reason) {
    case "wrong_cinema":
      return `Do not admit: wrong cinema — this ticket is for ${r.cinemaName}`;
    case "wrong_screen":
      return `Do not admit: wrong screen — this ticket is for ${r.screenName}`;
    case "cancelled":
      return `Do not admit: ${STATUS_WORDS[r.status] ?? r.status.toLowerCase()}`;
    case "wrong_day":
      return `Do not admit: wrong day — this ticket is for ${r.day}`;
    case "not_yet_open":
      return `Do not admit yet: doors open at ${doorClock(r.opensAt, timeZone)}`;
    case "show_over":
      return `Do not admit: the show is over (ended ${doorClock(r.endedAt, timeZone)})`;
  }
}
