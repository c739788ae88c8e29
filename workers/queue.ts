import { services } from "#app/utils/context.server";
import { queueApiResponse } from "#app/queue/queue-api.server";

const QUEUE_PATH = /^\/api\/queue\/([^/]+)$/;

/**
 * The queue API's join and poll, served before Remix as holds are (ADR 018, ADR 022): on-sale
 * night sends every fan here at once, and the router is most of a join's cost in the Worker.
 */
export function handleQueueRequest(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> | null {
  if (request.method !== "POST" && request.method !== "GET") return null;
  const match = QUEUE_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  let showtimeId: string | undefined;
  try {
    showtimeId = decodeURIComponent(match[1]!);
  } catch {
    showtimeId = undefined;
  }
  return queueApiResponse(services({ cloudflare: { env, ctx } }, request), request, showtimeId);
}
