import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { ApiError, apiId, apiJson, handleApi, requireApiUser } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";
import { seatsOfExisting } from "#app/seats/client.server";
import { getSessionUser } from "#app/auth/session.server";

/** GET your hold; DELETE releases it at once. Someone else's hold is indistinguishable from none. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const s = services(context, request);
    const user = await getSessionUser(request, s);
    const seats = await seatsOfExisting(s, apiId(params.showtimeId));
    const hold = seats ? await seats.getHold(apiId(params.holdId)) : null;
    if (!user || !hold || hold.userId !== user.id) throw new ApiError(404, "not_found", "No such hold (it may have expired).");
    return apiJson({ holdId: hold.holdId, seatIds: hold.seatIds, expiresAt: hold.expiresAt, serverNow: Date.now() });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "DELETE") throw new ApiError(405, "method_not_allowed", "Use DELETE to release a hold.");
    const s = services(context, request);
    const user = await requireApiUser(request, s);
    const seats = await seatsOfExisting(s, apiId(params.showtimeId));
    const released = seats ? await seats.release(user.id, apiId(params.holdId)) : false;
    if (!released) throw new ApiError(404, "not_found", "No such hold (it may have expired).");
    return new Response(null, { status: 204 });
  });
}
