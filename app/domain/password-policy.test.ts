import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("refuses short passwords and says how long", () => {
    expect(passwordProblem("Xk3#pq")).toBe("form.passwordShort");
  });
  it("refuses the most common passwords, also dressed up with digits and symbols", () => {
    for (const p of ["password123", "Password123!", "1234567890", "qwertyuiop", "iloveyou!!", "India@123456"]) {
      expect(passwordProblem(p), p).not.toBeNull();
    }
    expect(passwordProblem("Password123!")).toBe("form.passwordCommon");
  });
  it("refuses repeats, keyboard runs and the email name", () => {
    expect(passwordProblem("aaaaaaaaaaaa")).toBe("form.passwordFewChars");
    expect(passwordProblem("abcdefghijk")).toBe("form.passwordRun");
    expect(passwordProblem("priya.sharma-2024", "priya.sharma@example.com")).toBe("form.passwordHasEmail");
  });
  it("accepts a long passphrase", () => {
    expect(passwordProblem("correct horse battery staple", "someone@example.com")).toBeNull();
    expect(passwordProblem("tangerine-kayak-41")).toBeNull();
  });
});
