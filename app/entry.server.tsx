import type { AppLoadContext, EntryContext, HandleErrorFunction } from "react-router";
import { isRouteErrorResponse, ServerRouter } from "react-router";
import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server";
import { NonceProvider } from "#app/components/nonce";
import { StaticMarkupContext } from "#app/seats/prerendered";
import { cachedStaticMarkup } from "#app/seats/prerendered.server";
import { randomId } from "#app/utils/crypto.server";
import { getConfig } from "#app/utils/env.server";
import { documentCsp } from "#app/utils/http.server";
import { reportInternalError } from "#app/utils/internal-errors.server";
import { log } from "#app/observability/log.server";
import { requestLocale } from "#app/i18n/locale.server";
import { HTML_LANG } from "#app/i18n/locales";

// Streams still open after this are cut (React Router 7: the app owns the timeout, `streamTimeout`).
export const streamTimeout = 5_000;

/**
 * React Router logs its own 4xx answers (a POST to a page without an action, an OPTIONS, no such route)
 * as errors; those are the client's doing, so only real failures reach the log.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const internal = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  const path = new URL(request.url).pathname;
  log.error("request.failed", { method: request.method, path, outcome: "500", error: internal ?? error });
  // D1 and Durable Object failures (overloads above all) feed the control room and its alerts.
  reportInternalError(internal ?? error, request);
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = randomId(16);
  const config = getConfig(loadContext.cloudflare.env);
  const razorpay = config.RAZORPAY_KEY_ID !== "";
  const controller = new AbortController();
  const timeoutId = setTimeout(() => controller.abort(), streamTimeout + 1_000);

  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <StaticMarkupContext.Provider value={cachedStaticMarkup}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </StaticMarkupContext.Provider>
    </NonceProvider>,
    {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        // React Router cancels a HEAD response's body, which aborts the render: not a failure.
        if (!controller.signal.aborted && request.method !== "HEAD") log.error("render.failed", { path: new URL(request.url).pathname, outcome: "500", error });
        responseStatusCode = 500;
      },
    },
  );
  void body.allReady.then(() => clearTimeout(timeoutId));

  // Bots and no-JS crawlers get the whole document at once.
  if (isbot(request.headers.get("user-agent") || "")) await body.allReady;

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // One URL, negotiated language (ADR 032): caches must key on what the language came from.
  responseHeaders.append("Vary", "Accept-Language, Cookie");
  responseHeaders.set("Content-Language", HTML_LANG[requestLocale(request)]);
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  responseHeaders.set("Referrer-Policy", "same-origin");
  responseHeaders.set("X-Frame-Options", "DENY");
  // Vite's dev server injects its own unsigned HMR scripts; every built app (wrangler, tests, production) is strict.
  if (import.meta.env.MODE !== "development") responseHeaders.set("Content-Security-Policy", documentCsp({ nonce, url: new URL(request.url), razorpay }));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
