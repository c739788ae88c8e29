import { describe, expect, it } from "vitest";
import { hashPassword, timingSafeEqualText, verifyPassword } from "./crypto.server";

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("popcorn and soda");
    expect(await verifyPassword("popcorn and soda", stored)).toBe(true);
    expect(await verifyPassword("popcorn and sod", stored)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describe("constant-time comparison", () => {
  it("tells equal text from different text", () => {
    expect(timingSafeEqualText("abc", "abd")).toBe(false);
    expect(timingSafeEqualText("abc", "abc")).toBe(true);
  });
});
