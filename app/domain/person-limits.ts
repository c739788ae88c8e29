/**
 * Limits that hold for a person across shows (ADR 027): how many shows one account may hold seats
 * on at once, and an on-sale's tickets per account. The counting is in D1 (app/seats/held-shows.server.ts);
 * these are the words and the arithmetic, taking `now`.
 */

export type OtherHold = {
  showtimeId: string;
  title: string;
  /** "Fri 11 Dec, 7:30 pm" in the cinema's zone. */
  when: string;
  seats: number;
  expiresAt: number;
};

/** Where a person sees (and releases) their hold on a show. */
export function holdSummaryPath(showtimeId: string): string {
  return `/showtimes/${showtimeId}/summary`;
}

/** Seconds until the first of these holds ends on its own: waiting that long is one remedy. */
export function secondsUntilFirstEnds(holds: readonly OtherHold[], now: number): number | null {
  if (!holds.length) return null;
  const first = Math.min(...holds.map((h) => h.expiresAt));
  return Math.max(1, Math.ceil((first - now) / 1000));
}

function minutesText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}

function showName(h: OtherHold): string {
  return `${h.title} (${h.when})`;
}

/** The refusal when an account already holds seats on `max` other shows. */
export function describeShowsHeldLimit(holds: readonly OtherHold[], max: number, now: number): string {
  const names = holds.map(showName);
  const first = holds[0];
  const wait = secondsUntilFirstEnds(holds, now);
  const release = first ? ` Release your seats for ${showName(first)} on its summary page (${holdSummaryPath(first.showtimeId)}), or pay for them, then try again` : "";
  const lapse = wait !== null ? `; otherwise the first of those holds ends in ${minutesText(wait)}.` : ".";
  return `You're holding seats for ${max === 1 ? "a show" : `${max} shows`} already (${names.join("; ")}), and one person can hold seats for ${max === 1 ? "one show" : `${max} shows`} at a time.${release}${lapse}`;
}

/** The refusal when an on-sale's per-account ticket cap would be passed. */
export function describeSaleCap(args: { max: number; bought: number; held: readonly OtherHold[]; asked: number; now: number }): string {
  const { max, bought, held, asked, now } = args;
  const heldSeats = held.reduce((n, h) => n + h.seats, 0);
  const left = Math.max(0, max - bought - heldSeats);
  const parts = [`This on-sale lets one account have ${max} ${max === 1 ? "ticket" : "tickets"} across all its shows`];
  const have: string[] = [];
  if (bought) have.push(`${bought} bought`);
  if (heldSeats) have.push(`${heldSeats} held`);
  const leftText = left === 0 ? "none are left" : `${left} ${left === 1 ? "is" : "are"} left and you picked ${asked}`;
  parts.push(have.length ? `; you have ${have.join(" and ")}, so ${leftText}.` : ` and you picked ${asked}.`);
  const first = held[0];
  const release = first
    ? ` Pick fewer seats, or release your seats for ${showName(first)} on its summary page (${holdSummaryPath(first.showtimeId)}).`
    : left > 0
      ? ` Pick ${left} ${left === 1 ? "seat" : "seats"} or fewer.`
      : " Cancelling a booking gives its tickets back.";
  const wait = secondsUntilFirstEnds(held, now);
  return parts.join("") + release + (wait !== null ? ` A hold you don't pay for ends in ${minutesText(wait)}.` : "");
}
