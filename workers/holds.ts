import { services } from "#app/utils/context.server";
import { holdApiResponse } from "#app/seats/hold-api.server";

const HOLDS_PATH = /^\/api\/showtimes\/([^/]+)\/holds$/;

/**
 * The hold API, served before Remix: a hold is the hottest request of a sold-out opening, and the
 * router, loader context and response pipeline are most of its cost in the Worker (ADR 018).
 */
export function handleHoldRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | null {
  if (request.method !== "POST") return null;
  const match = HOLDS_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  let showtimeId: string | undefined;
  try {
    showtimeId = decodeURIComponent(match[1]!);
  } catch {
    showtimeId = undefined;
  }
  return holdApiResponse(services({ cloudflare: { env, ctx } }, request), request, showtimeId);
}
