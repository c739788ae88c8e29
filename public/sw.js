// Marquee's service worker (ADR 034): a fan's tickets open in a basement with no signal.
//
// What it keeps, and only that:
// - "tickets": a signed-in fan's upcoming ticket pages and their QR images, each fetched with the
//   fan's cookie and kept only if the server answered 200 (a logged-out browser gets a redirect to
//   log in, which is never kept). Pages tell it which tickets to keep (app/tickets/offline.tsx);
//   My bookings replaces the whole list, so a past or cancelled ticket drops out.
// - "assets": the hashed, public /assets/* files (scripts, styles) and the icons, so a kept page
//   renders and hydrates offline.
// Nothing else is cached: every other request goes to the network as if there were no worker.
// Logging out sends Clear-Site-Data, which empties both caches and unregisters this worker.
const TICKETS = "marquee-tickets-v1";
const ASSETS = "marquee-assets-v1";
const TICKET_PAGE = /^\/bookings\/[A-Za-z0-9_-]{1,64}$/;
const TICKET_QR = /^\/bookings\/[A-Za-z0-9_-]{1,64}\/ticket\.svg$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== TICKETS && key !== ASSETS) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

const sameOrigin = (url) => url.origin === self.location.origin;

/** Fetches `path` with the fan's cookie and keeps it if it is a real answer for them. */
async function keep(cache, path) {
  try {
    const res = await fetch(path, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
    if (res.status === 200 && !res.redirected) await cache.put(path, res);
  } catch {
    // Offline: whatever was kept before stays.
  }
}

self.addEventListener("message", (event) => {
  const msg = event.data;
  if (!msg || typeof msg !== "object") return;
  if (msg.type === "forget") {
    event.waitUntil(caches.delete(TICKETS));
    return;
  }
  if (msg.type !== "keep" || !Array.isArray(msg.tickets)) return;
  const ids = msg.tickets.filter((id) => typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id)).slice(0, 20);
  const assets = (Array.isArray(msg.assets) ? msg.assets : []).filter((p) => typeof p === "string" && p.startsWith("/assets/")).slice(0, 60);
  event.waitUntil(
    (async () => {
      const tickets = await caches.open(TICKETS);
      const wanted = new Set(ids.flatMap((id) => [`/bookings/${id}`, `/bookings/${id}/ticket.svg`]));
      if (msg.replace) {
        for (const req of await tickets.keys()) if (!wanted.has(new URL(req.url).pathname)) await tickets.delete(req);
      }
      for (const path of wanted) await keep(tickets, path);
      const cache = await caches.open(ASSETS);
      for (const path of [...assets, "/manifest.webmanifest", "/icons/icon-192.png", "/favicon.svg"]) if (!(await cache.match(path))) await keep(cache, path);
    })(),
  );
});

/** The page shown offline for anything not kept: the tickets this phone has, with links to each. */
async function offlinePage() {
  const tickets = await caches.open(TICKETS);
  const items = [];
  for (const req of await tickets.keys()) {
    const path = new URL(req.url).pathname;
    if (!TICKET_PAGE.test(path)) continue;
    const html = await (await tickets.match(req)).text();
    const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "Ticket").replace(/ — Marquee$/, "");
    items.push(`<li><a href="${path}">${title}</a></li>`);
  }
  const body = items.length
    ? `<p>You're offline. These tickets are saved on this phone and open without a signal:</p><ul>${items.join("")}</ul>`
    : "<p>You're offline, and no tickets are saved on this phone yet. Open My bookings once with a signal to keep your upcoming tickets here.</p>";
  return new Response(
    `<!doctype html><html lang="en-IN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline — Marquee</title>` +
      `<style>:root{color-scheme:light dark}body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:24px;max-width:40rem}a{display:block;padding:12px 0;font-weight:600}h1{font-size:1.5rem}</style>` +
      `</head><body><main><h1>Your tickets</h1>${body}</main></body></html>`,
    { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
  );
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (!sameOrigin(url)) return;
  if (req.mode === "navigate") {
    // The network first, always: a kept page is only for when there is none.
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          // A ticket page seen online is refreshed in place (only if already kept: the page decides what to keep).
          if (TICKET_PAGE.test(url.pathname) && res.status === 200 && !res.redirected) {
            const tickets = await caches.open(TICKETS);
            if (await tickets.match(url.pathname)) await tickets.put(url.pathname, res.clone());
          }
          return res;
        } catch {
          const kept = TICKET_PAGE.test(url.pathname) ? await (await caches.open(TICKETS)).match(url.pathname) : undefined;
          return kept ?? offlinePage();
        }
      })(),
    );
    return;
  }
  if (TICKET_QR.test(url.pathname)) {
    event.respondWith(fetch(req).catch(async () => (await (await caches.open(TICKETS)).match(url.pathname)) ?? Response.error()));
    return;
  }
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/")) {
    // Hashed names never change content: the cache first, and what the network returns is kept.
    event.respondWith(
      (async () => {
        const cache = await caches.open(ASSETS);
        const hit = await cache.match(url.pathname);
        if (hit) return hit;
        const res = await fetch(req);
        if (res.status === 200) await cache.put(url.pathname, res.clone());
        return res;
      })(),
    );
  }
});
