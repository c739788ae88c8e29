import { describe, expect, it } from "vitest";
import { hashPassword, signValue, timingSafeEqualText, unsignValue, verifyPassword } from "./crypto.server";
import { safeRedirectPath } from "./http.server";

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

describe("safeRedirectPath", () => {
  it.each([
    ["/account", "/account"],
    ["/movies/x?city=delhi#top", "/movies/x?city=delhi#top"],
    ["https://evil.example", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
