import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { ApiError, apiId, apiJson, handleApi, readJson, requireApiUser } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";
import { describeRefusal, refusalStatus } from "#app/seats/refusals.server";
import { holdRequestSchema } from "#app/seats/validation";
import { seatsOfExisting } from "#app/seats/client.server";

/** POST { seatIds } → 201 with the hold, or a 4xx naming what is wrong. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST to hold seats.");
    const s = services(context, request);
    const showtimeId = apiId(params.showtimeId);
    const user = await requireApiUser(request, s);
    const { seatIds } = await readJson(request, holdRequestSchema);
    const seats = await seatsOfExisting(s, showtimeId);
    if (!seats) throw new ApiError(404, "showtime_not_found", "We couldn't find that showtime.");
    const result = await seats.hold(user.id, seatIds);
    if (!result.ok) {
      const extra = result.refusal.code === "seats_unavailable" ? { seats: result.refusal.seats } : {};
      throw new ApiError(refusalStatus(result.refusal), result.refusal.code, describeRefusal(result.refusal), extra);
    }
    const { holdId, seatIds: held, expiresAt } = result.hold;
    return apiJson({ holdId, showtimeId, seatIds: held, expiresAt, serverNow: Date.now() }, 201, {
      Location: `/api/showtimes/${showtimeId}/holds/${holdId}`,
    });
  });
}

export async function loader() {
  return apiJson({ error: { code: "method_not_allowed", message: "Use POST to hold seats." } }, 405);
}
