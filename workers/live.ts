import { services } from "#app/utils/context.server";
import { isSameOrigin } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { getSessionUser } from "#app/auth/session.server";
import { seatsOfExisting } from "#app/seats/gateway.server";

const LIVE_PATH = /^\/api\/showtimes\/([^/]+)\/live$/;

/**
 * The WebSocket endpoint of the live seat map. It runs before the router (which cannot pass a 101
 * through) and tells the showtime's object who is watching, so their own holds show as "yours".
 */
export async function handleLiveSeats(request: Request, env: Env, ctx: ExecutionContext): Promise<Response | null> {
  const match = LIVE_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    return new Response("This endpoint speaks WebSocket.", { status: 426, headers: { Upgrade: "websocket" } });
  }
  if (!isSameOrigin(request)) return new Response("Cross-site WebSocket refused.", { status: 403 });
  let showtimeId: string;
  try {
    showtimeId = idParam(decodeURIComponent(match[1]!));
  } catch {
    return new Response("That id isn't valid.", { status: 400 });
  }
  const s = services({ cloudflare: { env, ctx } }, request);
  const user = await getSessionUser(request, s);
  const headers = new Headers(request.headers);
  headers.set("X-Marquee-Showtime", showtimeId);
  headers.set("X-Marquee-Viewer", user?.id ?? "");
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) return new Response("We couldn't find that showtime.", { status: 404 });
  return seats.fetch(new Request(request.url, { headers }));
}
