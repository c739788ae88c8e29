import { describe, expect, it } from "vitest";
import { hashPassword, signValue, timingSafeEqualText, unsignValue, verifyPassword } from "./crypto.server";

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("popcorn and soda");
    expect(await verifyPassword("popcorn and soda", stored)).toBe(true);
    expect(await verifyPassword("popcorn and sod", stored)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describe("signed values", () => {
  it("round-trips and refuses tampering or another key", async () => {
    const signed = await signValue("k".repeat(32), "session-123");
    expect(await unsignValue("k".repeat(32), signed)).toBe("session-123");
    expect(await unsignValue("k".repeat(32), signed.replace("123", "124"))).toBeNull();
    expect(await unsignValue("j".repeat(32), signed)).toBeNull();
    expect(timingSafeEqualText("abc", "abd")).toBe(false);
    expect(timingSafeEqualText("abc", "abc")).toBe(true);
  });
});
