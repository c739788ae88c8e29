import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from "#app/utils/crypto.server";

/**
 * The ticket a door scanner verifies: "MQ1.<bookingId>.<sig>", where sig is an HMAC over a purpose
 * prefix and the booking id. The purpose prefix keeps a ticket token from ever validating as a
 * session or CSRF value signed with the same secret, and the signature binds the token to exactly one
 * booking. Whether the booking is still valid (not cancelled, not checked in) is the database's call.
 */
const PREFIX = "MQ1";
const PURPOSE = "marquee-ticket:v1:";

async function signatureFor(secret: string, bookingId: string): Promise<Uint8Array> {
  return hmacSha256(secret, PURPOSE + bookingId);
}

export async function ticketToken(secret: string, bookingId: string): Promise<string> {
  return `${PREFIX}.${bookingId}.${base64url(await signatureFor(secret, bookingId))}`;
}

/** The booking id a token names, or null when the token was not issued by us (tampered, truncated, other secret). */
export async function verifyTicketToken(secret: string, token: string): Promise<string | null> {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, bookingId, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(bookingId)) return null;
  const given = fromBase64url(sig);
  if (!given) return null;
  return timingSafeEqual(given, await signatureFor(secret, bookingId)) ? bookingId : null;
}
