import type { Services } from "#app/utils/context.server";
import { loadTicket, type Ticket } from "./ticket.server";
import { shareToken, verifyShareToken } from "./token.server";

export type SharedTicket = { kind: "ok"; ticket: Ticket } | { kind: "invalid" } | { kind: "revoked" };

/** A shared link's ticket: a forged or foreign token is invalid; a booking no longer CONFIRMED is revoked. */
export async function sharedTicket(s: Services, token: string): Promise<SharedTicket> {
  const bookingId = await verifyShareToken(s.config, token);
  if (!bookingId) return { kind: "invalid" };
  const ticket = await loadTicket(s.env, bookingId);
  if (!ticket) return { kind: "invalid" };
  return ticket.status === "CONFIRMED" ? { kind: "ok", ticket } : { kind: "revoked" };
}

export async function shareUrl(s: Services, origin: string, bookingId: string): Promise<string> {
  return `${origin}/t/${await shareToken(s.config, bookingId)}`;
}
