import { data, type HeadersFunction } from "@remix-run/cloudflare";

/**
 * Document responses carry only the headers a route's `headers` export returns, so a 429's
 * Retry-After (from an action's data or a thrown response) must be passed on explicitly.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const value = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};

/** Errors a user can cause: thrown from loaders/actions and rendered by the nearest error boundary. */
export function notFound(message = "We couldn't find that page."): never {
  throw data({ message }, { status: 404 });
}

export function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}

export function forbidden(message = "You can't do that."): never {
  throw data({ message }, { status: 403 });
}

/** Accepts only same-site relative paths, so `redirectTo` can never send a user off-site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  try {
    const url = new URL(to, "http://local.invalid");
    if (url.origin !== "http://local.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

export function isLocalhost(request: Request): boolean {
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}
