import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, loginDelaySeconds } from "./login-policy";

describe("login delays", () => {
  const limit = LOGIN_POLICY.accountIp;
  it("lets the first failures through without waiting", () => {
    for (let f = 0; f < limit.free; f++) expect(loginDelaySeconds(limit, f)).toBe(0);
  });
  it("doubles the wait after each further failure, up to the cap", () => {
    expect(loginDelaySeconds(limit, limit.free)).toBe(30);
    expect(loginDelaySeconds(limit, limit.free + 1)).toBe(60);
    expect(loginDelaySeconds(limit, limit.free + 2)).toBe(120);
    expect(loginDelaySeconds(limit, limit.free + 50)).toBe(limit.maxSeconds);
  });
});
