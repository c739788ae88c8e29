import { chaosAllowed, chaosOf } from "#app/utils/chaos.server";
import { getConfig } from "#app/utils/env.server";
import { seatsOf } from "#app/seats/gateway.server";

const SEATS_PATH = /^\/dev\/chaos\/seats\/([^/]+)$/;
const EVICT_PATH = /^\/dev\/chaos\/evict\/([^/]+)$/;
const MAILBOX_API = "/dev/mailbox/api/emails";
const SANDBOX_PAY = "/dev/razorpay-sandbox/pay";

/**
 * Chaos runs only (ADR 028). Answers nothing (null) unless `chaosOf(env)` is on, which it never is in
 * production; `/dev/*` is behind the Worker's dev-tool fence as well. Two dev endpoints for the
 * runner and checker — a seat object's own answer (`GET /dev/chaos/seats/:showtimeId`) and an
 * eviction (`POST /dev/chaos/evict/:showtimeId`) — and the faults that sit at the HTTP edge of the
 * local stand-ins: the mailbox answering 5xx or 429, and the sandbox checkout's tab closing after
 * the payment went through.
 */
export async function handleChaosRequest(request: Request, env: Env, next: () => Promise<Response>): Promise<Response | null> {
  // The runner's endpoints answer wherever chaos may run (the checker reads seat objects after the
  // faults are switched off); the faults themselves only when a run set them.
  let allowed = false;
  try {
    allowed = chaosAllowed(getConfig(env));
  } catch {
    // a broken configuration: no chaos
  }
  if (!allowed) return null;
  const chaos = chaosOf(env);
  const { pathname } = new URL(request.url);
  const seats = SEATS_PATH.exec(pathname);
  if (seats?.[1] && request.method === "GET") {
    return Response.json(await seatsOf(env, decodeURIComponent(seats[1])).sharedSnapshot(), { headers: { "Cache-Control": "no-store" } });
  }
  const evict = EVICT_PATH.exec(pathname);
  if (evict?.[1] && request.method === "POST") {
    const showtimeId = decodeURIComponent(evict[1]);
    let evicted = false;
    try {
      evicted = await seatsOf(env, showtimeId).chaosEvict();
    } catch {
      // abort() fails the call that asked for it: that is the eviction.
      evicted = true;
    }
    return Response.json({ evicted });
  }
  if (!chaos) return null;
  if (pathname === MAILBOX_API && request.method === "POST") {
    if (chaos.roll("email_5xx")) {
      const status = [500, 502, 503][Math.floor(Math.random() * 3)] ?? 500;
      return Response.json({ statusCode: status, name: "internal_server_error", message: "The mailbox is having trouble (chaos)." }, { status });
    }
    if (chaos.roll("email_429")) {
      return Response.json(
        { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests (chaos)." },
        { status: 429, headers: { "Retry-After": "2" } },
      );
    }
    return null;
  }
  if (pathname === SANDBOX_PAY && request.method === "POST") {
    const response = await next();
    if (!response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    // The payment went through; the fan's tab closes before the page's handler posts the callback.
    const closed = typeof body.razorpay_payment_id === "string" && chaos.roll("callback_skip", String(body.razorpay_payment_id));
    return Response.json(closed ? { ...body, sandbox_tab_closed: true } : body);
  }
  return null;
}
