import type { LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { requireUser } from "#app/auth/session.server";
import { cardResponse, ownersTicket } from "#app/tickets/files.server";

/** "Download as image": the whole ticket with its QR as one SVG file. Owner only, CONFIRMED only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  return cardResponse(s, await ownersTicket(s, params.bookingId ?? "", user.id));
}
