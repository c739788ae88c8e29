import { describe, expect, it } from "vitest";
import { bookingGroup } from "./booking-groups";

describe("My bookings groups", () => {
  const now = 1_000_000;
  it("puts a confirmed booking under upcoming until the show starts, then past", () => {
    expect(bookingGroup("CONFIRMED", now + 1, now)).toBe("upcoming");
    expect(bookingGroup("CONFIRMED", now, now)).toBe("past");
  });
  it("never lists a cancelled or refunded booking as upcoming", () => {
    for (const status of ["CANCELLED", "REFUND_PENDING", "REFUNDED", "FAILED", "EXPIRED"] as const) {
      expect(bookingGroup(status, now + 86_400_000, now)).toBe("cancelled");
      expect(bookingGroup(status, now - 1, now)).toBe("cancelled");
    }
  });
  it("keeps a booking awaiting payment with the upcoming ones", () => {
    expect(bookingGroup("PENDING_PAYMENT", now + 1, now)).toBe("upcoming");
  });
});
