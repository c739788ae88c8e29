import { describe, expect, it } from "vitest";
import { describeSaleCap, describeShowsHeldLimit, secondsUntilFirstEnds, type OtherHold } from "./person-limits";

const now = 1_800_000_000_000;
const hold = (id: string, minutesLeft: number, seats = 2): OtherHold => ({
  showtimeId: id,
  title: `Film ${id}`,
  when: "Fri 11 Dec, 7:30 pm",
  seats,
  expiresAt: now + minutesLeft * 60_000,
});

describe("refusals that name the hold to release", () => {
  it("names every hold and links the first one's summary page, with when it lapses", () => {
    const text = describeShowsHeldLimit([hold("a", 3), hold("b", 8)], 2, now);
    expect(text).toBe(
      "You're holding seats for 2 shows already (Film a (Fri 11 Dec, 7:30 pm); Film b (Fri 11 Dec, 7:30 pm)), and one person can hold seats for 2 shows at a time. " +
        "Release your seats for Film a (Fri 11 Dec, 7:30 pm) on its summary page (/showtimes/a/summary), or pay for them, then try again; otherwise the first of those holds ends in 3 minutes.",
    );
    expect(secondsUntilFirstEnds([hold("a", 3), hold("b", 1)], now)).toBe(60);
    expect(secondsUntilFirstEnds([], now)).toBeNull();
  });

  it("says how many tickets are left in an on-sale, and that waiting will not help when they are bought", () => {
    expect(describeSaleCap({ max: 4, bought: 4, held: [], asked: 1, now })).toBe(
      "This on-sale lets one account have 4 tickets across all its shows; you have 4 bought, so none are left. Cancelling a booking gives its tickets back.",
    );
    expect(describeSaleCap({ max: 4, bought: 1, held: [hold("a", 5, 2)], asked: 2, now })).toContain("so 1 is left and you picked 2. Pick fewer seats, or release your seats for Film a");
  });
});
