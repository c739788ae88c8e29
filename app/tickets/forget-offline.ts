/**
 * Before logging out: the service worker (public/sw.js) drops the kept tickets now; the logout
 * response's Clear-Site-Data does the rest. Its own module, so every page's header carries these
 * few bytes and not the worker's registration code.
 */
export function forgetOfflineTickets() {
  if (typeof navigator !== "undefined" && "serviceWorker" in navigator) navigator.serviceWorker.controller?.postMessage({ type: "forget" });
}
