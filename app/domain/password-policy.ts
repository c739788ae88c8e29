import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a new password is refused, or null when it is acceptable. Length first, then the shapes
 * guessing tools try first: the common-password list (also with digits/symbols peeled off the
 * ends), one repeated character, a straight run of the keyboard or the alphabet, and the
 * person's own email name.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (COMMON_PASSWORDS.has(lower) || (core.length >= 4 && COMMON_PASSWORDS.has(core)) || COMMON_PASSWORDS.has(lower.replace(/[^a-z0-9]+$/, ""))) {
    return "This is one of the most common passwords, so it is among the first an attacker tries. Choose another.";
  }
  if (new Set(lower).size <= 2) return "Use more than one or two different characters.";
  if (isRun(lower)) return "A straight run of keys or letters is easy to guess. Choose another.";
  const name = email?.split("@")[0]?.toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return "Don't use your email address in your password.";
  return null;
}

const RUNS = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

function isRun(lower: string): boolean {
  return RUNS.some((run) => run.includes(lower) || [...run].reverse().join("").includes(lower));
}
