import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("refuses short passwords and says how long", () => {
    expect(passwordProblem("Xk3#pq")).toMatch(/at least 10 characters/);
  });
  it("refuses the most common passwords, also dressed up with digits and symbols", () => {
    for (const p of ["password123", "Password123!", "1234567890", "qwertyuiop", "iloveyou!!", "India@123456"]) {
      expect(passwordProblem(p), p).not.toBeNull();
    }
    expect(passwordProblem("Password123!")).toMatch(/most common passwords/);
  });
  it("refuses repeats, keyboard runs and the email name", () => {
    expect(passwordProblem("aaaaaaaaaaaa")).toMatch(/more than one/);
    expect(passwordProblem("abcdefghijk")).toMatch(/straight run/);
    expect(passwordProblem("priya.sharma-2024", "priya.sharma@example.com")).toMatch(/email address/);
  });
  it("accepts a long passphrase", () => {
    expect(passwordProblem("correct horse battery staple", "someone@example.com")).toBeNull();
    expect(passwordProblem("tangerine-kayak-41")).toBeNull();
  });
});
