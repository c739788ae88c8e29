import { useEffect } from "react";

/**
 * Asks the service worker (public/sw.js, ADR 034) to keep these tickets for when there is no signal:
 * the page and QR of each, fetched with the fan's own cookie. `replace` makes this the whole list
 * (My bookings), so tickets no longer upcoming drop out. Only signed-in pages render this, so a
 * logged-out browser never registers the worker or keeps anything.
 */
export function KeepOffline({ tickets, replace = false }: { tickets: string[]; replace?: boolean }) {
  const key = tickets.join(",");
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    (async () => {
      await navigator.serviceWorker.register("/sw.js");
      const reg = await navigator.serviceWorker.ready;
      if (cancelled) return;
      // The files this page was drawn with, so a kept page renders and hydrates offline too.
      const assets = new Set<string>();
      for (const e of performance.getEntriesByType("resource")) {
        const u = new URL(e.name);
        if (u.origin === location.origin && u.pathname.startsWith("/assets/")) assets.add(u.pathname);
      }
      for (const el of document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>('link[href^="/assets/"], script[src^="/assets/"]')) {
        assets.add(new URL(el instanceof HTMLLinkElement ? el.href : el.src).pathname);
      }
      reg.active?.postMessage({ type: "keep", tickets: key ? key.split(",") : [], replace, assets: [...assets] });
    })().catch(() => {
      // No worker (private mode, old browser): the ticket still works online.
    });
    return () => {
      cancelled = true;
    };
  }, [key, replace]);
  return null;
}
