import { exports } from "cloudflare:workers";
import { MAILBOX_API_PATH } from "#app/email/mailbox-api";

// The queue consumer runs for real in tests and mails the local mailbox over HTTP; there is no
// server on APP_ORIGIN here, so that one URL is answered in-process by the Worker itself (same
// route, same code path), instead of failing with "Connection refused" in the background.
const realFetch = globalThis.fetch;
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (url.hostname === "localhost" && url.pathname.startsWith(MAILBOX_API_PATH)) return exports.default.fetch(request);
  return realFetch(request);
};

