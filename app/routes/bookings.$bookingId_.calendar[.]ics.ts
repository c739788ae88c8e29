import type { LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { requireUser } from "#app/auth/session.server";
import { icsResponse, ownersTicket } from "#app/tickets/files.server";

/** "Add to calendar": the show as an .ics event in the cinema's time zone. Owner only, CONFIRMED only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  return icsResponse(s, await ownersTicket(s, params.bookingId ?? "", user.id), new URL(request.url).origin);
}
