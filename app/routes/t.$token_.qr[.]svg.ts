import type { LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { qrResponse } from "#app/tickets/files.server";
import { sharedTicket } from "#app/tickets/share.server";

/** The door QR on a shared ticket page; gone (404) once the booking is no longer CONFIRMED. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const shared = await sharedTicket(s, params.token ?? "");
  return qrResponse(s, shared.kind === "ok" ? shared.ticket : null);
}
