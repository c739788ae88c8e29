/**
 * One place every unexpected error of a request is reported, whichever path answered it: the
 * router's `handleError` and the JSON API's `handleApi` (served before the router on the hot paths).
 * `app/utils` knows no feature, so the Worker entry registers what a report does (log line and
 * platform-error events, ADR 029); until it does (plain Node tests), a report is a no-op.
 */
export type InternalErrorReporter = (error: unknown, where: { method: string; path: string }) => void;

let reporter: InternalErrorReporter = () => {};

export function setInternalErrorReporter(next: InternalErrorReporter): void {
  reporter = next;
}

/** Never throws: reporting must not turn a 500 into a crash. */
export function reportInternalError(error: unknown, request: Request): void {
  try {
    reporter(error, { method: request.method, path: new URL(request.url).pathname });
  } catch {
    // A broken reporter must not take the response down with it.
  }
}
