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

/** Largest form body any page accepts (the layout editor's text is the biggest real one). */
export const MAX_FORM_BYTES = 64 * 1024;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The body of an HTML form post. Anything else a client may send (JSON, text, a broken multipart
 * body, an oversized body) is the client's mistake: a 4xx with a sentence, never a 500.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw data({ message: "This address accepts form submissions only." }, { status: 415 });
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw data({ message: "That form is too large." }, { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw data({ message: "That form submission was incomplete or malformed. Reload the page and try again." }, { status: 400 });
  }
}

/**
 * Whether a request comes from a page of this site. A missing Origin (old browsers, same-origin
 * navigations in some engines) is left to the CSRF token; `Origin: null` (sandboxed frames,
 * privacy-redirected forms) is never our own page, so it counts as cross-site.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  return origin === null || origin === new URL(request.url).origin;
}

export function isLocalhost(request: Request): boolean {
  const host = new URL(request.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}
