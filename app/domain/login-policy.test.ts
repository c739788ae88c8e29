import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, loginDelaySeconds, needsBotCheck } from "./login-policy";

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

describe("the account's own count (ADR 027)", () => {
  it("asks for the bot check only past the account's free failures", () => {
    expect(needsBotCheck(LOGIN_POLICY.account.free)).toBe(false);
    expect(needsBotCheck(LOGIN_POLICY.account.free + 1)).toBe(true);
  });
  it("is looser than one address's count for the account, so the owner's own typos never reach it first", () => {
    expect(LOGIN_POLICY.account.free).toBeGreaterThan(LOGIN_POLICY.accountIp.free);
  });
});
