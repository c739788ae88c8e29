// A cheap phone on a slow network: Chromium with 4× CPU throttling and DevTools' "Fast 3G" profile
// opens the 400-seat page cold. Reports when the first seat is on screen and can be ticked (the
// server-rendered checkbox, before any script), when JS takes over (seats become buttons), whether a
// seat ticked before that is still picked after it, and the delay from a tap to the frame that shows
// the seat selected.
/* global MutationObserver, PerformanceObserver, requestAnimationFrame, addEventListener, innerHeight -- used inside the page, in Chromium */
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const TYPES = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".json": "application/json" };

/**
 * Miniflare here has no static-assets layer: a loopback server in front serves build/client the way
 * Workers Static Assets would (long-cached) and passes everything else to the Worker. Both are
 * compressed as Cloudflare's edge compresses them for a browser that accepts it (gzip here; the edge
 * would pick brotli, a little smaller): DevTools throttles the bytes on the wire, so an uncompressed
 * stand-in would charge the phone for ~4× the bytes production sends.
 */
function assetFront(appBase) {
  const files = new Map();
  const send = (req, res, status, headers, body) => {
    const compressible = /^(text\/|application\/(json|javascript)|image\/svg)/.test(headers["content-type"] ?? headers["Content-Type"] ?? "");
    if (compressible && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      body = gzipSync(body, { level: 6 });
      headers = { ...headers, "Content-Encoding": "gzip", Vary: "Accept-Encoding" };
    }
    res.writeHead(status, { ...headers, "Content-Length": body.length });
    res.end(body);
  };
  const server = http.createServer(async (req, res) => {
    const file = `build/client${decodeURIComponent(new URL(req.url, "http://x").pathname)}`;
    if (!file.includes("..") && existsSync(file) && statSync(file).isFile()) {
      if (!files.has(file)) files.set(file, readFileSync(file));
      send(req, res, 200, { "Content-Type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream", "Cache-Control": "public, max-age=31536000, immutable" }, files.get(file));
      return;
    }
    const upstream = await fetch(appBase + req.url, { method: req.method, headers: { cookie: req.headers.cookie ?? "" }, redirect: "manual" });
    const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !["content-encoding", "content-length", "transfer-encoding", "connection"].includes(k)));
    send(req, res, upstream.status, headers, Buffer.from(await upstream.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

// DevTools' Fast 3G preset: 562.5 ms RTT (150 ms × 3.75), 1.6 Mb/s down and 750 kb/s up (× 0.9).
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

const SEAT_CONTROL = "label[data-seat] > input[type=checkbox]:not(:disabled), button[data-seat][data-state='available']";

/** In the page, before any of its own scripts: when a seat is first on screen and tappable, and when JS takes over. */
function watchPage(control) {
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  // On screen means styled and laid out: the stylesheet blocks rendering, so a control that is in the
  // DOM is not yet something a fan can see, let alone tap.
  const shown = (el) => el.isConnected && [...document.querySelectorAll("link[rel=stylesheet]")].every((l) => l.sheet) && el.getBoundingClientRect().width > 0;
  window.__longTaskMs = 0;
  new PerformanceObserver((list) => {
    if (window.__hydratedAt === undefined) for (const e of list.getEntries()) window.__longTaskMs += e.duration;
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((_, obs) => {
    const el = document.querySelector(control);
    if (el && window.__seenAt === undefined) {
      window.__seenAt = performance.now();
      const poll = () => (shown(el) ? afterPaint(() => (window.__selectableAt ??= performance.now())) : requestAnimationFrame(poll));
      requestAnimationFrame(poll);
    }
    if (document.querySelector("button[data-seat]")) {
      obs.disconnect();
      afterPaint(() => (window.__hydratedAt = performance.now()));
    }
  }).observe(document, { subtree: true, childList: true });
}

/** In the page: arm a timer from the next tap's release on seat `id` to the frame that shows it selected. */
function armTap(id) {
  const selectedNow = () => document.querySelector(`label[data-seat="${id}"] > input`)?.checked || document.querySelector(`button[data-seat="${id}"]`)?.getAttribute("aria-pressed") === "true";
  window.__tap = new Promise((resolve) => {
    // From the finger lifting: a tap activates on release (the click), so the press itself, however
    // long the finger (or the test driver) takes, is not the page's delay. This is how the browser's
    // Event Timing (INP) counts a tap too.
    let up = null;
    addEventListener("pointerup", (e) => (up = e.timeStamp), { once: true, capture: true });
    // Checked every frame, whichever control the seat is at that moment (a checkbox before
    // hydration, a button after): the time is the frame after the seat first looks selected.
    const frame = () => {
      if (up !== null && selectedNow()) setTimeout(() => resolve(performance.now() - up), 0);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function launchPhoneBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh 390×844 phone context, cache off, Fast 3G and 4× CPU throttling. */
async function throttledPhone(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { context, page };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

async function oneColdLoad(browser, url, taps) {
  const { context, page } = await throttledPhone(browser);
  try {
    await page.addInitScript(watchPage, SEAT_CONTROL);
    await page.goto(url, { waitUntil: "commit", timeout: 60_000 });
    await page.waitForFunction(() => window.__selectableAt !== undefined, null, { timeout: 60_000, polling: 20 });
    // The first tap as soon as a seat is there: before hydration this is the plain checkbox.
    const first = await page.$eval(SEAT_CONTROL, (el) => el.closest("[data-seat]").getAttribute("data-seat"));
    const beforeHydration = await page.evaluate(() => window.__hydratedAt === undefined);
    await page.evaluate(armTap, first);
    await page.locator(`[data-seat="${first}"]`).tap();
    const firstTapMs = await page.evaluate(() => window.__tap);
    await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 60_000, polling: 50 });
    // JS took over: the seat picked on the checkbox must still be picked on the button.
    const kept = (await page.locator(`button[data-seat="${first}"]`).getAttribute("aria-pressed")) === "true";
    const tapMs = [];
    const seats = await page.$$eval("button[data-seat][data-state='available']", (els) => els.slice(0, 40).map((e) => e.getAttribute("data-seat")));
    for (const seat of seats.slice(0, taps)) {
      const button = page.locator(`button[data-seat="${seat}"]`);
      await button.scrollIntoViewIfNeeded();
      await page.evaluate(armTap, seat);
      await button.tap();
      tapMs.push(await page.evaluate(() => window.__tap));
    }
    // "How many seats?" 4, then one tap takes four together (app/domain/best-seats.ts runs on the tap).
    let blockTapMs = null;
    const four = page.getByRole("button", { name: "4", exact: true });
    if (await four.count()) {
      await four.tap();
      // A seat four columns into a row's left block: its run of free seats always holds four.
      const block = await page.$$eval("button[data-seat][data-state='available'][aria-pressed='false'][data-c='3']", (els) => els[Math.floor(els.length / 2)]?.getAttribute("data-seat"));
      const button = page.locator(`button[data-seat="${block}"]`);
      await button.scrollIntoViewIfNeeded();
      await page.evaluate(armTap, block);
      await button.tap();
      // A miss (no four together there) selects nothing: give up after 5 s rather than wait forever.
      blockTapMs = await page.evaluate(() => Promise.race([window.__tap, new Promise((r) => setTimeout(() => r(null), 5000))]));
    }
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource");
      const js = res.filter((r) => r.name.endsWith(".js"));
      return {
        selectableAt: window.__selectableAt,
        hydratedAt: window.__hydratedAt,
        longTaskMs: window.__longTaskMs,
        htmlWireBytes: nav.transferSize,
        htmlBytes: nav.decodedBodySize,
        htmlDoneAt: nav.responseEnd,
        jsFiles: js.length,
        jsWireBytes: js.reduce((a, r) => a + r.transferSize, 0),
        jsDoneAt: Math.max(...js.map((r) => r.responseEnd)),
        cssDoneAt: Math.max(...res.filter((r) => r.name.endsWith(".css")).map((r) => r.responseEnd)),
      };
    });
    return { ...t, beforeHydration, firstTapMs, kept, tapMs, blockTapMs };
  } finally {
    await context.close();
  }
}

/**
 * `runs` cold loads (a fresh context each, cache disabled); times are medians over the runs, the
 * worst tap is the worst of all. Fails loudly if a seat ticked before hydration was lost.
 */
export async function cheapPhone({ base: appBase, path, taps = 5, runs = Number(process.env.BENCH_PHONE_RUNS ?? 5) }) {
  const front = await assetFront(appBase);
  const browser = await launchPhoneBrowser();
  try {
    const loads = [];
    for (let i = 0; i < runs; i++) loads.push(await oneColdLoad(browser, front.base + path, taps));
    const m = (k) => Math.round(median(loads.map((l) => l[k])));
    const taps_ = loads.flatMap((l) => l.tapMs);
    return {
      runs,
      selectableMs: m("selectableAt"),
      hydratedMs: m("hydratedAt"),
      htmlDoneMs: m("htmlDoneAt"),
      cssDoneMs: m("cssDoneAt"),
      jsDoneMs: m("jsDoneAt"),
      longTaskMs: m("longTaskMs"),
      htmlWireBytes: m("htmlWireBytes"),
      htmlBytes: m("htmlBytes"),
      jsFiles: m("jsFiles"),
      jsWireBytes: m("jsWireBytes"),
      firstTapMs: m("firstTapMs"),
      firstTapsBeforeHydration: loads.filter((l) => l.beforeHydration).length,
      selectionKept: loads.every((l) => l.kept),
      tapMedianMs: Math.round(median(taps_) ?? 0),
      blockTapMs: loads.some((l) => l.blockTapMs !== null) ? Math.round(median(loads.map((l) => l.blockTapMs).filter((x) => x !== null))) : null,
      tapMaxMs: Math.round(Math.max(...taps_)),
      taps: taps_.length,
    };
  } finally {
    await browser.close();
    front.server.close();
  }
}

/** In the page, before its scripts: when the first poster of the movie grid is decoded and painted. */
function watchPosters() {
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  const poll = () => {
    const img = document.querySelector('ul[aria-label="Movies"] img');
    if (img && img.complete && img.naturalWidth > 0 && [...document.querySelectorAll("link[rel=stylesheet]")].every((l) => l.sheet)) afterPaint(() => (window.__posterAt ??= performance.now()));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * The home page on the same cheap phone, cold: when the first poster is painted (the "first
 * poster paint"), how many whole posters the first 390×844 screen shows, and the bytes of posters.
 */
export async function cheapPhoneHome({ base: appBase, path, runs = Number(process.env.BENCH_PHONE_RUNS ?? 5) }) {
  const front = await assetFront(appBase);
  const browser = await launchPhoneBrowser();
  try {
    const loads = [];
    for (let i = 0; i < runs; i++) {
      const { context, page } = await throttledPhone(browser);
      try {
        await page.addInitScript(watchPosters);
        await page.goto(front.base + path, { waitUntil: "commit", timeout: 60_000 });
        await page.waitForFunction(() => window.__posterAt !== undefined, null, { timeout: 60_000, polling: 50 });
        loads.push(
          await page.evaluate(() => ({
            posterAt: window.__posterAt,
            wholePosters: [...document.querySelectorAll('ul[aria-label="Movies"] img')].filter((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight).length,
            posterBytes: performance.getEntriesByType("resource").filter((r) => r.name.includes("/posters/")).reduce((a, r) => a + r.transferSize, 0),
          })),
        );
      } finally {
        await context.close();
      }
    }
    const m = (k) => Math.round(median(loads.map((l) => l[k])));
    return { runs, firstPosterMs: m("posterAt"), wholePostersInFirstScreen: Math.min(...loads.map((l) => l.wholePosters)), posterWireBytes: m("posterBytes") };
  } finally {
    await browser.close();
    front.server.close();
  }
}
