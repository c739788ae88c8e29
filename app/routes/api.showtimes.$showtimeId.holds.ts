import type { ActionFunctionArgs } from "react-router";
import { apiJson } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";
import { holdApiResponse } from "#app/seats/hold-api.server";

/** The Worker answers POSTs before Remix (workers/holds.ts); this route is the same handler for any that reach it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return holdApiResponse(services(context, request), request, params.showtimeId);
}

export async function loader() {
  return apiJson({ error: { code: "method_not_allowed", message: "Use POST to hold seats." } }, 405);
}
