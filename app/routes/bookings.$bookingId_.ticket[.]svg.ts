import type { LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { requireUser } from "#app/auth/session.server";
import { ticketQrSvgForOwner } from "#app/tickets/qr.server";

/** The ticket QR as an image for the booking page (`<TicketQr />`): owner only, CONFIRMED only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const id = params.bookingId ?? "";
  const svg = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await ticketQrSvgForOwner(s.db, s.config, id, user.id) : null;
  if (!svg) return new Response("No valid ticket for this booking.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      // A ticket is personal: never in a shared cache, and gone from this browser's cache on cancellation.
      "Cache-Control": "private, no-cache",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
