import { describe, expect, it } from "vitest";
import { CANCELLATION_POLICY_TEXT, describeRefundAmounts, quoteCancellation, whoCancelled } from "./refund-policy";

const base = { status: "CONFIRMED", startsAt: 10 * 3600_000, cutoffMinutes: 120, seatsAmount: 50_000, feeAmount: 6_000, feeTaxAmount: 1_080 };

describe("cancellation and refund policy", () => {
  it("refunds the ticket price but not the fee or its GST before the cut-off", () => {
    expect(quoteCancellation({ ...base, now: 8 * 3600_000 - 1 })).toEqual({ allowed: true, refundPaise: 50_000, keptPaise: 7_080, cutoffAt: 8 * 3600_000 });
  });

  it("refuses from the cut-off onwards", () => {
    expect(quoteCancellation({ ...base, now: 8 * 3600_000 })).toMatchObject({ allowed: false, reason: "past_cutoff" });
  });

  it("refuses bookings that are not confirmed", () => {
    expect(quoteCancellation({ ...base, status: "PENDING_PAYMENT", now: 0 })).toMatchObject({ allowed: false, reason: "not_confirmed" });
  });

  it("states the policy in words", () => {
    expect(CANCELLATION_POLICY_TEXT(120)).toBe("You can cancel up to 2 hours before the show. We refund the ticket price; the convenience fee and its GST are not refunded.");
    expect(CANCELLATION_POLICY_TEXT(45)).toContain("45 minutes");
  });
});

describe("refund wording", () => {
  it("a full refund says everything comes back, fee included", () => {
    expect(describeRefundAmounts({ refundPaise: 43_080, paidPaise: 43_080 })).toBe("Full refund: ₹430.80, everything you paid, including the convenience fee.");
  });

  it("a partial refund gives what comes back and exactly what is kept", () => {
    expect(describeRefundAmounts({ refundPaise: 36_000, paidPaise: 43_080 })).toBe(
      "Refund: ₹360 of the ₹430.80 you paid. The convenience fee and its GST (₹70.80) are not refunded.",
    );
  });

  it("says who cancelled", () => {
    expect(whoCancelled("customer_cancellation")).toBe("You cancelled this booking.");
    expect(whoCancelled("operator_refund")).toBe("The cinema cancelled this booking.");
    expect(whoCancelled("showtime_cancelled")).toBe("The cinema cancelled this show.");
    expect(whoCancelled("seats_unavailable")).toBe("We could not get these seats for you.");
  });
});
