import type { Services } from "#app/utils/context.server";
import { ApiError } from "#app/utils/api.server";
import { getSessionUser, type SessionUser } from "./session.server";

/** How long the JSON seat API may trust this isolate's last D1 answer about a session (ADR 006). */
export const API_SESSION_MAX_STALE_MS = 10_000;

export async function requireApiUser(request: Request, s: Services): Promise<SessionUser> {
  const user = await getSessionUser(request, s, { maxStaleMs: API_SESSION_MAX_STALE_MS });
  if (!user) throw new ApiError(401, "unauthenticated", "Log in to hold seats.");
  return user;
}
