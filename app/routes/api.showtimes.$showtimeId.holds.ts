import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { ApiError, apiId, apiJson, handleApi, readJson, requireApiUser } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";
import { holdRequestSchema } from "#app/seats/validation";
import { placeHold } from "#app/seats/place-hold.server";

/** POST { seatIds } → 201 with the hold, or a 4xx naming what is wrong. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST to hold seats.");
    const s = services(context, request);
    const showtimeId = apiId(params.showtimeId);
    const user = await requireApiUser(request, s);
    const { seatIds } = await readJson(request, holdRequestSchema);
    const result = await placeHold(s, { request, userId: user.id, showtimeId, seatIds });
    if (!result.ok) {
      const extra = { ...(result.seats ? { seats: result.seats } : {}), ...(result.location ? { location: result.location } : {}) };
      return apiJson({ error: { code: result.code, message: result.message, ...extra } }, result.status, result.headers);
    }
    const { holdId, seatIds: held, expiresAt, createdAt, canExtend } = result.hold;
    return apiJson({ holdId, showtimeId, seatIds: held, createdAt, expiresAt, canExtend, serverNow: result.serverNow }, 201, {
      Location: `/api/showtimes/${showtimeId}/holds/${holdId}`,
    });
  });
}

export async function loader() {
  return apiJson({ error: { code: "method_not_allowed", message: "Use POST to hold seats." } }, 405);
}
