/**
 * The box-office code: 8 characters read out loud at a counter, so the alphabet leaves out the
 * look-alikes 0/O and 1/I. 32^8 ≈ 10^12 codes; the unique index catches the rare collision.
 */
export const BOOKING_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const BOOKING_CODE_LENGTH = 8;

/** `random` gives bytes (crypto.getRandomValues in the app; fixed bytes in tests). */
export function makeBookingCode(random: (n: number) => Uint8Array): string {
  // 256 is a multiple of 32, so `byte % 32` is unbiased.
  return [...random(BOOKING_CODE_LENGTH)].map((b) => BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length]).join("");
}

/** What a person typed ("abcd-efgh", " ABCD EFGH ") as a stored code, or null if it cannot be one. */
export function normaliseBookingCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, "").toUpperCase();
  if (compact.length !== BOOKING_CODE_LENGTH) return null;
  for (const ch of compact) if (!BOOKING_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** Shown as two groups of four, the way people read it out. */
export function formatBookingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
