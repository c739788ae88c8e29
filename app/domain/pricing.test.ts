import { describe, expect, it } from "vitest";
import { formatRupees, priceSeats, PricingError } from "./pricing";
import type { SeatInfo } from "./layout";

const seat = (id: string, category: string): SeatInfo => ({ id, row: id[0]!, number: Number(id.slice(1)), category, type: "standard" });

describe("priceSeats", () => {
  it("adds seat prices, a per-seat fee and 18% GST on the fee, all in paise", () => {
    const b = priceSeats([seat("C7", "CLASSIC"), seat("K1", "PRIME")], { CLASSIC: 18000, PRIME: 25000 }, 3000);
    expect(b.lines).toEqual([
      { seatId: "C7", category: "CLASSIC", pricePaise: 18000 },
      { seatId: "K1", category: "PRIME", pricePaise: 25000 },
    ]);
    expect(b.seatsAmount).toBe(43000);
    expect(b.feeAmount).toBe(6000);
    expect(b.feeTaxAmount).toBe(1080);
    expect(b.totalAmount).toBe(50080);
  });

  it("rounds GST half up to the paisa", () => {
    expect(priceSeats([seat("A1", "X")], { X: 100 }, 25).feeTaxAmount).toBe(5); // 4.5 → 5
    expect(priceSeats([seat("A1", "X")], { X: 100 }, 22).feeTaxAmount).toBe(4); // 3.96 → 4
  });

  it("refuses a seat whose category has no price", () => {
    expect(() => priceSeats([seat("A1", "GOLD")], { CLASSIC: 100 }, 0)).toThrow(PricingError);
  });
});

describe("formatRupees", () => {
  it("formats paise as Indian rupees", () => {
    expect(formatRupees(25000)).toBe("₹250");
    expect(formatRupees(50080)).toBe("₹500.80");
    expect(formatRupees(12345600)).toBe("₹1,23,456");
  });
});
