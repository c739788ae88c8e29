import { data } from "@remix-run/cloudflare";

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

const REDIRECT_BASE = "http://redirect.invalid";
const MAX_REDIRECT_LENGTH = 2048;

/**
 * The one gate for every user-supplied `redirectTo`. It parses the value the way a browser will
 * parse our Location header (WHATWG URL: tabs and newlines dropped, `\` read as `/`, `.`/`..` and
 * `%2e` segments resolved) and only then decides: the *normalised* result must be a path on this
 * origin that does not itself start with `//`, because `/.//evil.example` normalises to
 * `//evil.example`, which a browser reads as another host.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_REDIRECT_LENGTH || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // An encoded slash or backslash up front is refused too: a proxy or app that decodes once more would
  // read it as another host.
  if (!/^\/(?![/\\]|%2f|%5c)/i.test(path)) return fallback;
  // Belt and braces: what we emit must mean the same path when the browser parses it again.
  try {
    const again = new URL(path, REDIRECT_BASE);
    if (again.origin !== REDIRECT_BASE || `${again.pathname}${again.search}${again.hash}` !== path) return fallback;
  } catch {
    return fallback;
  }
  return path;
}

export function isLocalhost(request: Request): boolean {
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}
