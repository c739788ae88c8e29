import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a new password is refused, or null when it is acceptable. Length first, then the shapes
 * guessing tools try first: the common-password list (also with digits/symbols peeled off the
 * ends), one repeated character, a straight run of the keyboard or the alphabet, and the
 * person's own email name. The answer is a message id (form.*), worded in the fan's language by the form.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "form.passwordShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "form.passwordLong";
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (COMMON_PASSWORDS.has(lower) || (core.length >= 4 && COMMON_PASSWORDS.has(core)) || COMMON_PASSWORDS.has(lower.replace(/[^a-z0-9]+$/, ""))) {
    return "form.passwordCommon";
  }
  if (new Set(lower).size <= 2) return "form.passwordFewChars";
  if (isRun(lower)) return "form.passwordRun";
  const name = email?.split("@")[0]?.toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return "form.passwordHasEmail";
  return null;
}

const RUNS = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

function isRun(lower: string): boolean {
  return RUNS.some((run) => run.includes(lower) || [...run].reverse().join("").includes(lower));
}
