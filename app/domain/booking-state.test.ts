import { describe, expect, it } from "vitest";
import { TRANSITIONS, viewStatus, type BookingEvent } from "./booking-state";
import { BOOKING_STATUSES, type BookingStatus } from "./enums";

/** Where `event` takes a booking in `status`, or null when the table has no such edge. */
function nextStatus(status: BookingStatus, event: BookingEvent): BookingStatus | null {
  const t = TRANSITIONS[event];
  return t.from.includes(status) ? t.to : null;
}

describe("booking state machine", () => {
  it("confirms only a booking that is waiting for payment", () => {
    for (const status of BOOKING_STATUSES) {
      expect(nextStatus(status, "seats_secured")).toBe(status === "PENDING_PAYMENT" ? "CONFIRMED" : null);
    }
  });

  it("never moves a CONFIRMED booking except by cancellation", () => {
    for (const event of Object.keys(TRANSITIONS) as BookingEvent[]) {
      expect(nextStatus("CONFIRMED", event)).toBe(event === "cancelled" ? "CANCELLED" : null);
    }
  });

  it("leaves REFUNDED and CANCELLED bookings where they are", () => {
    for (const event of Object.keys(TRANSITIONS) as BookingEvent[]) {
      expect(nextStatus("REFUNDED", event)).toBeNull();
      expect(nextStatus("CANCELLED", event)).toBeNull();
    }
  });

  it("sends captured money back for lost seats and late payments, and finishes refunds", () => {
    expect(nextStatus("PENDING_PAYMENT", "seats_lost_captured")).toBe("REFUND_PENDING");
    expect(nextStatus("EXPIRED", "late_capture")).toBe("REFUND_PENDING");
    expect(nextStatus("FAILED", "late_capture")).toBe("REFUND_PENDING");
    expect(nextStatus("REFUND_PENDING", "refund_processed")).toBe("REFUNDED");
    expect(nextStatus("PENDING_PAYMENT", "refund_processed")).toBeNull();
  });

  it("fails an uncaptured loser and expires only unpaid bookings", () => {
    expect(nextStatus("PENDING_PAYMENT", "seats_lost_uncaptured")).toBe("FAILED");
    expect(nextStatus("PENDING_PAYMENT", "expired")).toBe("EXPIRED");
    expect(nextStatus("REFUND_PENDING", "expired")).toBeNull();
  });
});

describe("the status a page shows", () => {
  it("reads an unpaid booking as expired from its hold deadline on, without waiting for the cron", () => {
    const b = { status: "PENDING_PAYMENT" as const, holdExpiresAt: 1_000 };
    expect(viewStatus(b, 999)).toBe("PENDING_PAYMENT");
    expect(viewStatus(b, 1_000)).toBe("EXPIRED");
  });

  it("never hides what D1 settled", () => {
    expect(viewStatus({ status: "CONFIRMED", holdExpiresAt: 1_000 }, 5_000)).toBe("CONFIRMED");
    expect(viewStatus({ status: "PENDING_PAYMENT", holdExpiresAt: null }, 5_000)).toBe("PENDING_PAYMENT");
  });
});
