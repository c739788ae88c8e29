import { z } from "zod";
import { isVerified } from "#app/auth/accounts.server";
import { getSessionUser } from "#app/auth/session.server";
import { ApiError, apiId, apiJson, handleApi, readJson } from "#app/utils/api.server";
import { requireApiUser } from "#app/auth/api-user.server";
import type { Services } from "#app/utils/context.server";
import { queueView, type QueueView } from "./fan-status.server";

function body(view: QueueView) {
  return { ...view.status, opensAt: view.opensAt, admissionToken: view.token };
}

/**
 * GET /api/queue/:showtimeId: your place (and, once admitted, your admission token for the
 * X-Admission-Token header). POST: join (idempotent: a second join keeps the first place).
 * Served by the Worker before Remix (workers/queue.ts) and by the Remix route for other methods.
 */
export function queueApiResponse(s: Services, request: Request, rawShowtimeId: string | undefined): Promise<Response> {
  return handleApi(async () => {
    const join = request.method === "POST";
    if (!join && request.method !== "GET" && request.method !== "HEAD") throw new ApiError(405, "method_not_allowed", "POST to join the queue.");
    let user = await requireApiUser(request, s);
    if (join) {
      // A JSON body (even `{}`) keeps joins CSRF-safe, as for every JSON write.
      await readJson(request, z.object({}).strict());
      // The hot path may trust a session read from a few seconds ago; a fan who has just verified
      // must not be turned away by that, so an unverified answer is always asked again.
      if (!isVerified(user)) user = (await getSessionUser(request, s)) ?? user;
    }
    const view = await queueView(s, apiId(rawShowtimeId), user, { join });
    if (!view) throw new ApiError(404, "no_waiting_room", "This show has no waiting room: hold seats directly.");
    return apiJson(body(view), 200, view.setCookie ? { "Set-Cookie": view.setCookie } : {});
  });
}
