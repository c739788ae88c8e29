import { AsyncLocalStorage } from "node:async_hooks";
import { readCookie, serializeCookie } from "./cookies.server";
import { noteStatement } from "./table-versions.server";

/**
 * D1's Sessions API (read replication). Every request reads through one D1 session, so its
 * queries are sequentially consistent; where replicas are enabled, a page view may be answered by
 * the nearest replica instead of the primary:
 * - GET/HEAD start at the bookmark the browser carries (the fan's own last write) or, without
 *   one, anywhere ("first-unconstrained"): catalogue and seat pages read near the fan.
 * - Anything else starts at the primary ("first-primary"): a booking, a payment or a webhook
 *   decides on the newest data, and its response hands the browser the session's bookmark, so
 *   the fan's next page reads at least their own write, whichever replica answers.
 * Durable Objects, the queue consumer and crons use the binding directly (the primary).
 */
export const D1_BOOKMARK_COOKIE = "marquee_d1";

/** The shape D1 gives bookmarks; anything else from a cookie is ignored rather than sent to D1. */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** A request's session is opened by its first statement: a request that never reads D1 opens none. */
type Scope = { binding: D1Database; request: Request; session: D1DatabaseSession | null };
const scope = new AsyncLocalStorage<Scope>();

function isRead(request: Request): boolean {
  return request.method === "GET" || request.method === "HEAD";
}

/** The session a request starts: see the module comment for which constraint and why. */
function sessionFor(binding: D1Database, request: Request): D1DatabaseSession {
  if (!isRead(request)) return binding.withSession("first-primary");
  const bookmark = readCookie(request, D1_BOOKMARK_COOKIE);
  return binding.withSession(bookmark && BOOKMARK.test(bookmark) ? bookmark : "first-unconstrained");
}

/**
 * Runs a request with its D1 session; queries made through `routedD1(binding)` inside use it. A
 * write request's response carries the bookmark it reached (an HttpOnly cookie for the browser).
 */
export async function withD1Session(
  binding: D1Database,
  request: Request,
  /** Asked only when a bookmark cookie is set (by then the request has read its configuration). */
  opts: { secure: () => boolean },
  handle: () => Promise<Response>,
): Promise<Response> {
  const current: Scope = { binding, request, session: null };
  const response = await scope.run(current, handle);
  const bookmark = current.session?.getBookmark() ?? null;
  if (isRead(request) || !bookmark || response.status === 101) return response;
  const cookie = serializeCookie(D1_BOOKMARK_COOKIE, bookmark, { secure: opts.secure(), maxAgeSeconds: 60 * 60 });
  try {
    response.headers.append("Set-Cookie", cookie);
    return response;
  } catch {
    // An immutable response (e.g. straight from fetch): copy it to add the header.
    const copy = new Response(response.body, response);
    copy.headers.append("Set-Cookie", cookie);
    return copy;
  }
}

/**
 * The binding as drizzle sees it: statements go to the running request's session when there is
 * one for this binding, else to the binding itself. Lets drizzle be built once per isolate.
 */
export function routedD1(binding: D1Database): D1Database {
  const target = (): D1Database | D1DatabaseSession => {
    const current = scope.getStore();
    if (!current || current.binding !== binding) return binding;
    return (current.session ??= sessionFor(binding, current.request));
  };
  return new Proxy(binding, {
    get(real, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          noteStatement(sql);
          const t = target();
          return t.prepare(sql);
        };
      }
      if (prop === "batch") {
        return (...args: unknown[]) => (Reflect.get(target(), prop) as (...a: unknown[]) => unknown).apply(target(), args);
      }
      const value = Reflect.get(real, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
    },
  });
}
