import { signatureFor, verifySignature, type KeyConfig, type KeyPurpose } from "#app/utils/keys.server";

/**
 * Signed booking tokens "<prefix>.<bookingId>.<mac>", where mac is the "ticket" or "share" key's
 * MAC of the booking id (app/utils/keys.server.ts: `<kid><signature>`, or a bare signature in
 * tokens minted before key ids). The purpose keeps one kind of token from ever validating as
 * another (or as a session or CSRF value), and the MAC binds it to one booking. Both sign with
 * TICKET_SECRET when it is set, so rotating the session secret never voids an emailed ticket.
 * Whether the booking is still valid (not cancelled, not checked in) is the database's call.
 */
type Kind = { prefix: string; purpose: KeyPurpose };

/** What a door scanner verifies. */
const TICKET: Kind = { prefix: "MQ1", purpose: "ticket" };
/**
 * The read-only link a fan shares ("/t/<token>"). It never admits anyone by itself (the QR it shows
 * is the door token), names only the booking, and cancelling revokes it: the page serves CONFIRMED
 * bookings only.
 */
const SHARE: Kind = { prefix: "S1", purpose: "share" };

async function sign(kind: Kind, keys: KeyConfig, bookingId: string): Promise<string> {
  return `${kind.prefix}.${bookingId}.${await signatureFor(keys, kind.purpose, bookingId)}`;
}

async function verify(kind: Kind, keys: KeyConfig, token: string): Promise<string | null> {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[0] !== kind.prefix) return null;
  const [, bookingId, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(bookingId)) return null;
  return (await verifySignature(keys, kind.purpose, bookingId, mac)) ? bookingId : null;
}

export const ticketToken = (keys: KeyConfig, bookingId: string) => sign(TICKET, keys, bookingId);
/** The booking id a token names, or null when the token was not issued by us (tampered, truncated, a secret no longer accepted). */
export const verifyTicketToken = (keys: KeyConfig, token: string) => verify(TICKET, keys, token);
export const shareToken = (keys: KeyConfig, bookingId: string) => sign(SHARE, keys, bookingId);
export const verifyShareToken = (keys: KeyConfig, token: string) => verify(SHARE, keys, token);
