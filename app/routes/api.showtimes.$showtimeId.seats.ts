import type { LoaderFunctionArgs } from "react-router";
import { ApiError, apiId, apiJson, handleApi } from "#app/utils/api.server";
import { API_SESSION_MAX_STALE_MS } from "#app/auth/api-user.server";
import { services } from "#app/utils/context.server";
import { seatMapFor, showtimeExists } from "#app/seats/gateway.server";
import { getSessionUser } from "#app/auth/session.server";

/** GET the live seat map of a showtime; seats not listed are available. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const s = services(context, request);
    const showtimeId = apiId(params.showtimeId);
    const user = await getSessionUser(request, s, { maxStaleMs: API_SESSION_MAX_STALE_MS });
    if (!(await showtimeExists(s, showtimeId))) throw new ApiError(404, "not_found", "We couldn't find that showtime.");
    const snapshot = await seatMapFor(s, showtimeId, user?.id ?? null);
    return apiJson(snapshot);
  });
}
