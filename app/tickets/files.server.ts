import { qrSvg } from "#app/domain/ticket-qr";
import { ticketCardSvg } from "#app/domain/ticket-card";
import type { Services } from "#app/utils/context.server";
import { loadTicket, ticketIcs, type Ticket } from "./ticket.server";
import { ticketToken } from "./token.server";

/** A ticket file is personal: never in a shared cache, re-checked on every fetch (cancelling revokes it). */
const PRIVATE = { "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff" };

function noTicket(): Response {
  return new Response("No valid ticket for this booking.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The owner's CONFIRMED ticket, or null (404 either way, so ids cannot be probed). */
export async function ownersTicket(s: Services, bookingId: string, userId: string): Promise<Ticket | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(bookingId)) return null;
  const t = await loadTicket(s.env, bookingId);
  return t && t.ownerId === userId && t.status === "CONFIRMED" ? t : null;
}

export function icsResponse(s: Services, t: Ticket | null, origin: string): Response {
  if (!t) return noTicket();
  return new Response(ticketIcs(t, origin, s.now), {
    headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="marquee-${t.code ?? t.bookingId}.ics"` },
  });
}

export async function cardResponse(s: Services, t: Ticket | null): Promise<Response> {
  if (!t) return noTicket();
  const qr = qrSvg(await ticketToken(s.config, t.bookingId), `Ticket ${t.bookingId}`);
  const svg = ticketCardSvg(
    { movieTitle: t.movieTitle, detail: `${t.format} · ${t.language} · ${t.certificate}`, cinemaName: t.cinemaName, screenName: t.screenName, when: `${t.date}, ${t.time}`, seats: t.seats.join(", "), code: t.code },
    qr,
  );
  return new Response(svg, {
    headers: {
      ...PRIVATE,
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="marquee-ticket-${t.code ?? t.bookingId}.svg"`,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}

export async function qrResponse(s: Services, t: Ticket | null): Promise<Response> {
  if (!t) return noTicket();
  return new Response(qrSvg(await ticketToken(s.config, t.bookingId), `Ticket ${t.bookingId}`), {
    headers: { ...PRIVATE, "Content-Type": "image/svg+xml; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
