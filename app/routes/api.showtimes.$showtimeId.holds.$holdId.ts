import type { ActionFunctionArgs, LoaderFunctionArgs } from "react-router";
import { z } from "zod";
import { ApiError, apiId, apiJson, handleApi, readJson } from "#app/utils/api.server";
import { requireApiUser } from "#app/auth/api-user.server";
import { describeExtensionRefusal } from "#app/domain/holds";
import { services } from "#app/utils/context.server";
import { seatsOfExisting } from "#app/seats/gateway.server";
import { extendHold } from "#app/seats/extend-hold.server";
import { getSessionUser } from "#app/auth/session.server";

const extendRequestSchema = z.object({ extend: z.literal(true) }).strict();

/** GET your hold; DELETE releases it at once. Someone else's hold is indistinguishable from none. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const s = services(context, request);
    const user = await getSessionUser(request, s);
    const seats = await seatsOfExisting(s, apiId(params.showtimeId));
    const hold = seats ? await seats.getHold(apiId(params.holdId)) : null;
    if (!user || !hold || hold.userId !== user.id) throw new ApiError(404, "not_found", "No such hold (it may have expired).");
    return apiJson({ holdId: hold.holdId, seatIds: hold.seatIds, createdAt: hold.createdAt, expiresAt: hold.expiresAt, canExtend: hold.canExtend, serverNow: Date.now() });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "DELETE" && request.method !== "POST") {
      throw new ApiError(405, "method_not_allowed", "Use DELETE to release a hold, or POST { \"extend\": true } to extend it once.");
    }
    const s = services(context, request);
    const user = await requireApiUser(request, s);
    const seats = await seatsOfExisting(s, apiId(params.showtimeId));
    if (request.method === "POST") {
      await readJson(request, extendRequestSchema);
      const result = seats ? await extendHold(s, { userId: user.id, showtimeId: apiId(params.showtimeId), holdId: apiId(params.holdId) }) : ({ ok: false, reason: "no_hold" } as const);
      if (!result.ok) throw new ApiError(result.reason === "no_hold" ? 404 : 409, result.reason, describeExtensionRefusal(result.reason));
      const { hold } = result;
      return apiJson({ holdId: hold.holdId, seatIds: hold.seatIds, createdAt: hold.createdAt, expiresAt: hold.expiresAt, canExtend: hold.canExtend, serverNow: Date.now() });
    }
    const released = seats ? await seats.release(user.id, apiId(params.holdId)) : false;
    if (!released) throw new ApiError(404, "not_found", "No such hold (it may have expired).");
    return new Response(null, { status: 204 });
  });
}
