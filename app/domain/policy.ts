import { FEE_GST_BPS, formatRupees } from "./pricing";
import { CANCELLATION_POLICY_TEXT } from "./refund-policy";

/**
 * The facts the About/Terms/Refund pages state, from the same settings the rules run on, so the
 * pages cannot drift from what the app does.
 */
export type PolicySettings = {
  CANCELLATION_CUTOFF_MINUTES: number;
  CONVENIENCE_FEE_PAISE_PER_SEAT: number;
  MAX_SEATS_PER_USER: number;
  HOLD_TTL_SECONDS: number;
};

export function policyFacts(c: PolicySettings) {
  const feeTax = Math.floor((c.CONVENIENCE_FEE_PAISE_PER_SEAT * FEE_GST_BPS + 5000) / 10000);
  return {
    cancellation: CANCELLATION_POLICY_TEXT(c.CANCELLATION_CUTOFF_MINUTES),
    cutoffMinutes: c.CANCELLATION_CUTOFF_MINUTES,
    feePerSeat: formatRupees(c.CONVENIENCE_FEE_PAISE_PER_SEAT),
    feeTaxPerSeat: formatRupees(feeTax),
    gstPercent: FEE_GST_BPS / 100,
    maxSeats: c.MAX_SEATS_PER_USER,
    holdMinutes: Math.round(c.HOLD_TTL_SECONDS / 60),
  };
}

export type PolicyFacts = ReturnType<typeof policyFacts>;
