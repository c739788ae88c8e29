import { describe, expect, it } from "vitest";
import { normalizePhone } from "./phone";

describe("phone numbers", () => {
  it("store one form however the number was typed", () => {
    for (const typed of ["98765 43210", "+91 98765-43210", "09876543210", "919876543210", "(98765) 43210"]) {
      expect(normalizePhone(typed)).toBe("+919876543210");
    }
    expect(normalizePhone("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("refuse what is not a phone number", () => {
    for (const bad of ["", "12345", "abc", "+91 98765 4321x", "demo@marquee.test", "+1234567890123456"]) {
      expect(normalizePhone(bad)).toBeNull();
    }
  });
});
