import { ApiError, apiId, apiJson, handleApi, readJson } from "#app/utils/api.server";
import { requireApiUser } from "#app/auth/api-user.server";
import type { Services } from "#app/utils/context.server";
import { holdRequestSchema } from "./validation";
import { placeHold } from "./place-hold.server";

/** POST /api/showtimes/:id/holds { seatIds } → 201 with the hold, or a 4xx naming what is wrong. */
export function holdApiResponse(s: Services, request: Request, rawShowtimeId: string | undefined): Promise<Response> {
  return handleApi(request, async () => {
    if (request.method !== "POST") throw new ApiError(405, "method_not_allowed", "Use POST to hold seats.");
    const showtimeId = apiId(rawShowtimeId);
    const user = await requireApiUser(request, s);
    const { seatIds } = await readJson(request, holdRequestSchema);
    const result = await placeHold(s, { request, userId: user.id, showtimeId, seatIds });
    if (!result.ok) {
      const extra = {
        ...(result.seats ? { seats: result.seats } : {}),
        ...(result.location ? { location: result.location } : {}),
        ...(result.holds ? { holds: result.holds } : {}),
      };
      return apiJson({ error: { code: result.code, message: result.message, ...extra } }, result.status, result.headers);
    }
    const { holdId, seatIds: held, expiresAt, createdAt, canExtend } = result.hold;
    return apiJson({ holdId, showtimeId, seatIds: held, createdAt, expiresAt, canExtend, serverNow: result.serverNow }, 201, {
      Location: `/api/showtimes/${showtimeId}/holds/${holdId}`,
    });
  });
}
