import type { HeadersFunction } from "react-router";
import type { AppConfig } from "./env.server";

/**
 * Document responses carry only the headers a route's `headers` export returns, so a 429's
 * Retry-After (from an action's data or a thrown response) must be passed on explicitly.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const value = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};

/**
 * The one way an error a user can cause leaves a loader or action: `{ message }` with its status,
 * rendered by the nearest error boundary. A Response rather than `data()`: from a route without a
 * page (a resource route) Remix passes a thrown Response on as it is, but turns a thrown `data()`
 * into "Unexpected Server Error"; error boundaries read the two the same.
 */
export function userError(status: number, message: string, headers?: HeadersInit): never {
  throw Response.json({ message }, { status, headers });
}

export function notFound(message = "We couldn't find that page."): never {
  userError(404, message);
}

export function badRequest(message: string): never {
  userError(400, message);
}

export function forbidden(message = "You can't do that."): never {
  userError(403, message);
}

export function payloadTooLarge(message: string): never {
  userError(413, message);
}

/** Reads at most `max` bytes of a body; null once it is longer (the rest is not read). */
export async function readBytesLimited(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Every HTML form on the site fits in this (the biggest is a screen layout, capped at 12k characters by its schema). */
export const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The one way a route reads a form. `request.formData()` throws on JSON, text or a broken
 * multipart body, which Remix turns into a 500; here each is the client's mistake, with its status:
 * 415 for a body that isn't a form, 413 for one that is too big, 400 for one that doesn't parse.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    userError(415, "This page only accepts its own form. Go back, reload the page and try again.");
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) payloadTooLarge("That form is too large to accept.");
  // Content-Length can be absent (chunked) or a lie: the reader stops at the limit either way.
  const bytes = await readBytesLimited(request, maxBytes);
  if (!bytes) payloadTooLarge("That form is too large to accept.");
  try {
    return await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
  } catch {
    badRequest("We couldn't read that form. Reload the page and try again.");
  }
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

/**
 * Whether a request comes from a page of this site. A missing Origin (old browsers, same-origin
 * navigations in some engines) is left to the CSRF token; `Origin: null` (sandboxed frames,
 * privacy-redirected forms) is never our own page, so it counts as cross-site. A forwarded host
 * that disagrees with the URL is refused too: Remix's own action check compares Origin with it
 * and throws (a 500) where this answers 403.
 */
export function isSameOrigin(request: Request): boolean {
  const url = new URL(request.url);
  // A forwarded host that is not this one means the request was meant for another site, Origin or not.
  const forwarded = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim();
  if (forwarded && forwarded.toLowerCase() !== url.host.toLowerCase()) return false;
  const origin = request.headers.get("Origin");
  return origin === null || origin === url.origin;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** Route matching ignores case and decodes the path, so the prefix test must too. */
export function isDevPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // undecodable: the router will 404 it; compare it raw
  }
  path = path.toLowerCase().replace(/[/\\]+/g, "/");
  return path === "/dev" || path.startsWith("/dev/");
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/**
 * The Worker's fences before any route, as one ordered list, in production and development alike:
 * the most specific answer the docs promise wins, so adding a fence cannot shadow another's answer.
 *   1. `/dev/*` outside the dev-tool fence → 404, as if it did not exist (README);
 *   2. a write from another site, `Origin: null`, or an X-Forwarded-Host that is not this host → 403 (docs/api.md);
 *   3. a non-production build on a non-loopback host → 503 (it serves nothing else).
 * OPTIONS is not safe: Remix runs its own Origin check on it (we grant no CORS preflights anyway).
 */
export function edgeRefusal(request: Request, config: Pick<AppConfig, "APP_ENV">): Response | null {
  if (isDevPath(new URL(request.url).pathname) && !devToolOpen(request, config, false)) return plain(404, "Not found.");
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    return plain(403, "Cross-site form submissions are not accepted. Go back to Marquee and try again.");
  }
  return refuseNonProductionHost(request, config);
}

function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return name === "localhost" || name === "[::1]" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** Asked several times per request (host gate, cookies, sessions): the URL is parsed once. */
const localhostAnswers = new WeakMap<Request, boolean>();

/**
 * Loopback means the request names a loopback host everywhere it names one: the URL (the Host
 * header) and any X-Forwarded-Host a proxy in front of a dev server adds.
 */
export function isLocalhost(request: Request): boolean {
  let answer = localhostAnswers.get(request);
  if (answer === undefined) {
    const forwarded = request.headers.get("X-Forwarded-Host");
    answer = forwarded !== null && !forwarded.split(",").every((h) => isLoopbackHost(h.trim())) ? false : isLoopbackHost(new URL(request.url).host);
    localhostAnswers.set(request, answer);
  }
  return answer;
}

/**
 * The one fence around every local stand-in's routes (mailbox, Razorpay sandbox): the request is
 * to a loopback host, the real provider's key is not set, and this is not production. Any one
 * missing answers 404, as if the route did not exist.
 */
export function devToolOpen(request: Request, config: Pick<AppConfig, "APP_ENV">, providerKeySet: boolean): boolean {
  return config.APP_ENV !== "production" && !providerKeySet && isLocalhost(request);
}

/**
 * Outside production the app only serves loopback: a deploy that forgot APP_ENV=production (or a
 * preview with test settings on a real hostname) answers every request with this refusal instead
 * of quietly serving dev tools and the sandbox to the world.
 */
export function refuseNonProductionHost(request: Request, config: Pick<AppConfig, "APP_ENV">): Response | null {
  if (config.APP_ENV === "production" || isLocalhost(request)) return null;
  return new Response(
    "This Marquee deployment is not running in production mode (APP_ENV is not \"production\") and only answers on localhost. " +
      "Set APP_ENV = \"production\" and the production secrets (see docs/runbook.md, \"Deploying safely\").",
    { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "3600" } },
  );
}

/** Razorpay's hosted checkout: its script, the iframes it opens and the APIs it calls from the page. */
export const RAZORPAY_CHECKOUT_SOURCES = {
  script: ["https://checkout.razorpay.com"],
  frame: ["https://api.razorpay.com", "https://checkout.razorpay.com"],
  connect: ["https://api.razorpay.com", "https://lumberjack.razorpay.com"],
  img: ["https://*.razorpay.com"],
} as const;

/**
 * The policy for every HTML page. Scripts run only from this origin or with this response's nonce
 * (the inline scripts Remix streams); Razorpay's origins are added only when real Razorpay keys are
 * set, so locally the sandbox's same-origin checkout.js is all that may load. Styles keep
 * 'unsafe-inline' for React's style attributes (no script can run through them).
 */
export function documentCsp({ nonce, url, razorpay }: { nonce: string; url: URL; razorpay: boolean }): string {
  const live = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`;
  const extra = (list: readonly string[]) => (razorpay ? ` ${list.join(" ")}` : "");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${extra(RAZORPAY_CHECKOUT_SOURCES.script)}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra(RAZORPAY_CHECKOUT_SOURCES.img)}`,
    "font-src 'self'",
    `connect-src 'self' ${live}${extra(RAZORPAY_CHECKOUT_SOURCES.connect)}`,
    `frame-src 'self'${extra(RAZORPAY_CHECKOUT_SOURCES.frame)}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For everything that isn't a page (JSON, SVG, CSV, scripts): nothing may load, nobody may frame it. */
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";
/** The local mailbox's email HTML: inline styles and images only, framed by the mailbox page itself. */
const EMAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; frame-ancestors 'self'";

/**
 * The headers every response leaves with, whichever route (or the Worker itself) made it: pages
 * already carry their nonce policy from entry.server; the rest get a locked-down one and nosniff,
 * so a JSON body or an SVG can never be read as a page.
 */
export function withSecurityHeaders(response: Response): Response {
  if (response.status === 101) return response;
  let res = response;
  try {
    res.headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    res = new Response(response.body, response);
    res.headers.set("X-Content-Type-Options", "nosniff");
  }
  if (!res.headers.has("Content-Security-Policy")) {
    const html = (res.headers.get("Content-Type") ?? "").startsWith("text/html");
    res.headers.set("Content-Security-Policy", html ? EMAIL_HTML_CSP : RESOURCE_CSP);
    if (!html) res.headers.set("X-Frame-Options", "DENY");
  }
  if (!res.headers.has("Referrer-Policy")) res.headers.set("Referrer-Policy", "same-origin");
  return res;
}
