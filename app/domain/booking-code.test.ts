import { describe, expect, it } from "vitest";
import { BOOKING_CODE_ALPHABET, formatBookingCode, makeBookingCode, normaliseBookingCode } from "./booking-code";

describe("booking code", () => {
  it("uses 8 characters with no 0, O, 1 or I", () => {
    const code = makeBookingCode((n) => Uint8Array.from({ length: n }, (_, i) => i * 37));
    expect(code).toHaveLength(8);
    expect(code).not.toMatch(/[0O1I]/);
    expect(BOOKING_CODE_ALPHABET).not.toMatch(/[0O1I]/);
  });

  it("reads what a person typed, in any case, with spaces or a hyphen", () => {
    expect(normaliseBookingCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normaliseBookingCode(" AbCd eFgH ")).toBe("ABCDEFGH");
    expect(formatBookingCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it("refuses what cannot be a code", () => {
    expect(normaliseBookingCode("ABCDEFG")).toBeNull();
    expect(normaliseBookingCode("ABCDEFG0")).toBeNull();
    expect(normaliseBookingCode("bkg_2aUJL-MHSyEUlZzC")).toBeNull();
  });
});
