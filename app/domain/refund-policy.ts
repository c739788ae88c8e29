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

export const CANCELLATION_POLICY_TEXT = (cutoffMinutes: number) =>
  `You can cancel up to ${formatCutoff(cutoffMinutes)} before the show. We refund the ticket price; the convenience fee and its GST are not refunded.`;

function formatCutoff(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
