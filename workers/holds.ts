import { services } from "#app/utils/context.server";
import { holdApiResponse } from "#app/seats/hold-api.server";
import { fastPathId } from "./fast-path";

const HOLDS_PATH = /^\/api\/showtimes\/([^/]+)\/holds$/;

/**
 * The hold API, served before the router: a hold is the hottest request of a sold-out opening, and the
 * router, loader context and response pipeline are most of its cost in the Worker (ADR 018).
 */
export function handleHoldRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | null {
  const target = fastPathId(request, ["POST"], HOLDS_PATH);
  if (!target) return null;
  return holdApiResponse(services({ cloudflare: { env, ctx } }, request), request, target.id);
}
