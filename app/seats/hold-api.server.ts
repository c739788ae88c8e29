import { ApiError, apiId, apiJson, handleApi, readJson, requireApiUser } from "#app/utils/api.server";
import type { Services } from "#app/utils/context.server";
import { describeRefusal, refusalStatus } from "./refusals.server";
import { holdRequestSchema } from "./validation";
import { placeHold } from "./place-hold.server";

/** POST /api/showtimes/:id/holds { seatIds } → 201 with the hold, or a 4xx naming what is wrong. */
export function holdApiResponse(s: Services, request: Request, rawShowtimeId: string | undefined): Promise<Response> {
  return handleApi(async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST to hold seats.");
    const showtimeId = apiId(rawShowtimeId);
    const user = await requireApiUser(request, s);
    const { seatIds } = await readJson(request, holdRequestSchema);
    const result = await placeHold(s, user, showtimeId, seatIds, request);
    if (!result.ok) {
      const extra = result.refusal.code === "seats_unavailable" ? { seats: result.refusal.seats } : {};
      throw new ApiError(refusalStatus(result.refusal), result.refusal.code, describeRefusal(result.refusal), extra);
    }
    const { holdId, seatIds: held, expiresAt } = result.hold;
    return apiJson({ holdId, showtimeId, seatIds: held, expiresAt, serverNow: s.now }, 201, {
      Location: `/api/showtimes/${showtimeId}/holds/${holdId}`,
    });
  });
}
