import { services } from "#app/utils/context.server";
import { queueApiResponse } from "#app/queue/queue-api.server";
import { fastPathId } from "./fast-path";

const QUEUE_PATH = /^\/api\/queue\/([^/]+)$/;

/**
 * The queue API's join and poll, served before the router as holds are (ADR 018, ADR 022): on-sale
 * night sends every fan here at once, and the router is most of a join's cost in the Worker.
 */
export function handleQueueRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | null {
  const target = fastPathId(request, ["GET", "POST"], QUEUE_PATH);
  if (!target) return null;
  return queueApiResponse(services({ cloudflare: { env, ctx } }, request), request, target.id);
}
