import { z } from "zod";
import { isVerified } from "#app/auth/accounts.server";
import { claimedSessionUser, getSessionUser } from "#app/auth/session.server";
import { ApiError, apiId, apiJson, handleApi, readJson } from "#app/utils/api.server";
import { requireApiUser } from "#app/auth/api-user.server";
import type { Services } from "#app/utils/context.server";
import { queueFanOf, queueView, type QueueFan, type QueueView } from "./fan-status.server";

/**
 * Who is asking: a verified session's signed claims are enough to join or see a place (no D1 read
 * for each of a crowd's new fans, ADR 025). A cookie without claims, or an unverified one, is read
 * from D1; a fan who has just verified must not be turned away by a stale answer, so an unverified
 * answer is always asked again on a join.
 */
async function queueFan(request: Request, s: Services, join: boolean): Promise<QueueFan> {
  const claimed = await claimedSessionUser(request, s);
  if (claimed?.verified) return { id: claimed.id, verified: true };
  let user = await requireApiUser(request, s);
  if (join && !isVerified(user)) user = (await getSessionUser(request, s)) ?? user;
  return queueFanOf(user);
}

/** A JSON body (even `{}`) keeps joins CSRF-safe, as for every JSON write. Built once: zod's builders cost a join ~5 % of its CPU. */
const joinBody = z.object({}).strict();

function body(view: QueueView) {
  return { ...view.status, opensAt: view.opensAt, admissionToken: view.token, pollAfterSeconds: view.pollAfterSeconds };
}

/**
 * GET /api/queue/:showtimeId: your place (and, once admitted, your admission token for the
 * X-Admission-Token header). POST: join (idempotent: a second join keeps the first place).
 * Served by the Worker before Remix (workers/queue.ts) and by the Remix route for other methods.
 */
export function queueApiResponse(s: Services, request: Request, rawShowtimeId: string | undefined): Promise<Response> {
  return handleApi(request, async () => {
    const join = request.method === "POST";
    if (!join && request.method !== "GET" && request.method !== "HEAD") throw new ApiError(405, "method_not_allowed", "POST to join the queue.");
    if (join) {
      await readJson(request, joinBody);
    }
    const view = await queueView(s, request, apiId(rawShowtimeId), await queueFan(request, s, join), { join });
    if (!view) throw new ApiError(404, "no_waiting_room", "This show has no waiting room: hold seats directly.");
    // The place was found from the cookie's claims; the admission itself waits for D1 to say the
    // session still lives (ADR 025), so a revoked session can keep a place but never be let in.
    if (view.token) {
      const live = await requireApiUser(request, s);
      if (live.id !== view.userId) throw new ApiError(401, "unauthenticated", "Log in to hold seats.");
    }
    return apiJson(body(view), 200, view.setCookies.map((c): [string, string] => ["Set-Cookie", c]));
  });
}
