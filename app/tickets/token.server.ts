import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from "#app/utils/crypto.server";

/**
 * Signed booking tokens "<prefix>.<bookingId>.<sig>", where sig is an HMAC over a purpose prefix
 * and the booking id. The purpose keeps one kind of token from ever validating as another (or as a
 * session or CSRF value signed with the same secret), and the signature binds it to one booking.
 * Whether the booking is still valid (not cancelled, not checked in) is the database's call.
 */
type Kind = { prefix: string; purpose: string };

/** What a door scanner verifies. */
const TICKET: Kind = { prefix: "MQ1", purpose: "marquee-ticket:v1:" };
/**
 * The read-only link a fan shares ("/t/<token>"). It never admits anyone by itself (the QR it shows
 * is the door token), names only the booking, and cancelling revokes it: the page serves CONFIRMED
 * bookings only.
 */
const SHARE: Kind = { prefix: "S1", purpose: "marquee-share:v1:" };

async function sign(kind: Kind, secret: string, bookingId: string): Promise<string> {
  return `${kind.prefix}.${bookingId}.${base64url(await hmacSha256(secret, kind.purpose + bookingId))}`;
}

async function verify(kind: Kind, secret: string, token: string): Promise<string | null> {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== kind.prefix) return null;
  const [, bookingId, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(bookingId)) return null;
  const given = fromBase64url(sig);
  if (!given) return null;
  return timingSafeEqual(given, await hmacSha256(secret, kind.purpose + bookingId)) ? bookingId : null;
}

export const ticketToken = (secret: string, bookingId: string) => sign(TICKET, secret, bookingId);
/** The booking id a token names, or null when the token was not issued by us (tampered, truncated, other secret). */
export const verifyTicketToken = (secret: string, token: string) => verify(TICKET, secret, token);
export const shareToken = (secret: string, bookingId: string) => sign(SHARE, secret, bookingId);
export const verifyShareToken = (secret: string, token: string) => verify(SHARE, secret, token);
