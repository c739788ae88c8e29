import { formatRupees } from "./pricing";

/**
 * What a cancelling customer gets back, in one place: the page shows these words and the server
 * refunds this amount. The ticket price comes back; the convenience fee and its GST pay for a
 * service already delivered, so they do not.
 */
export type CancellationQuote =
  | { allowed: true; refundPaise: number; keptPaise: number; cutoffAt: number }
  | { allowed: false; reason: "not_confirmed" | "checked_in" | "past_cutoff"; cutoffAt: number };

export function cancellationCutoff(startsAt: number, cutoffMinutes: number): number {
  return startsAt - cutoffMinutes * 60_000;
}

export function quoteCancellation(args: {
  status: string;
  startsAt: number;
  now: number;
  cutoffMinutes: number;
  seatsAmount: number;
  feeAmount: number;
  feeTaxAmount: number;
  /** Set once the door has admitted any seat: a used ticket is not the customer's to cancel. */
  checkedInAt?: number | null;
}): CancellationQuote {
  const cutoffAt = cancellationCutoff(args.startsAt, args.cutoffMinutes);
  if (args.status !== "CONFIRMED") return { allowed: false, reason: "not_confirmed", cutoffAt };
  if (args.checkedInAt) return { allowed: false, reason: "checked_in", cutoffAt };
  if (args.now >= cutoffAt) return { allowed: false, reason: "past_cutoff", cutoffAt };
  return { allowed: true, refundPaise: args.seatsAmount, keptPaise: args.feeAmount + args.feeTaxAmount, cutoffAt };
}

/** The cut-off as the catalogue's "booking.policy" words it: whole hours when it is a whole number of hours. */
export function cutoffParts(minutes: number): { unit: "hour" | "minute"; n: number } {
  return minutes % 60 === 0 ? { unit: "hour", n: minutes / 60 } : { unit: "minute", n: minutes };
}

export const CANCELLATION_POLICY_TEXT = (cutoffMinutes: number) =>
  `You can cancel up to ${formatCutoff(cutoffMinutes)} before the show. We refund the ticket price; the convenience fee and its GST are not refunded.`;

function formatCutoff(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** Who ended a booking, by the reason recorded on its refund. */
export function whoCancelled(reason: string | null): string {
  switch (reason) {
    case "customer_cancellation":
      return "You cancelled this booking.";
    case "operator_refund":
      return "The cinema cancelled this booking.";
    case "showtime_cancelled":
      return "The cinema cancelled this show.";
    case null:
      return "This booking was cancelled.";
    default:
      return "We could not get these seats for you.";
  }
}

/**
 * The refund in exact amounts, right for both kinds: a full refund says everything comes back
 * (fee included); a partial one says what comes back and what is kept, and why.
 */
export function describeRefundAmounts(args: { refundPaise: number; paidPaise: number }): string {
  const money = formatRupees;
  const kept = args.paidPaise - args.refundPaise;
  if (kept <= 0) return `Full refund: ${money(args.refundPaise)}, everything you paid, including the convenience fee.`;
  return `Refund: ${money(args.refundPaise)} of the ${money(args.paidPaise)} you paid. The convenience fee and its GST (${money(kept)}) are not refunded.`;
}
