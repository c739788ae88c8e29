// A cheap phone on a slow network: Chromium with 4× CPU throttling and DevTools' "Fast 3G" profile
// opens the 400-seat page cold. Reports when the first seat can be selected (the map is hydrated and
// a seat is a button) and the delay from tapping a seat to the frame that shows it selected.
/* global MutationObserver, requestAnimationFrame -- used inside the page, in Chromium */
import { existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { chromium } from "playwright-core";

const TYPES = { ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".json": "application/json" };

/**
 * Miniflare here has no static-assets layer: a loopback server in front serves build/client the way
 * Workers Static Assets would (long-cached, gzip'd by the browser's throttled link all the same) and
 * passes everything else to the Worker.
 */
function assetFront(appBase) {
  const server = http.createServer(async (req, res) => {
    const file = `build/client${decodeURIComponent(new URL(req.url, "http://x").pathname)}`;
    if (!file.includes("..") && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { "Content-Type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream", "Cache-Control": "public, max-age=31536000, immutable" });
      res.end(readFileSync(file));
      return;
    }
    const upstream = await fetch(appBase + req.url, { method: req.method, headers: { cookie: req.headers.cookie ?? "" }, redirect: "manual" });
    const headers = Object.fromEntries([...upstream.headers].filter(([k]) => k !== "content-encoding" && k !== "content-length"));
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}` })));
}

// DevTools' Fast 3G preset: 562.5 ms RTT (150 ms × 3.75), 1.6 Mb/s down and 750 kb/s up (× 0.9).
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

export async function cheapPhone({ base: appBase, path, taps = 5 }) {
  const front = await assetFront(appBase);
  const base = front.base;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => {
      // Times are from navigation start: the first moment a seat is a button that reacts to a tap.
      new MutationObserver((_, obs) => {
        if (document.querySelector("button[data-seat][data-state='available']")) {
          window.__selectableAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(base + path, { waitUntil: "commit", timeout: 60_000 });
    await page.waitForFunction(() => window.__selectableAt !== undefined, null, { timeout: 60_000, polling: 50 });
    const selectableMs = await page.evaluate(() => window.__selectableAt);
    const tapMs = [];
    const seats = await page.$$eval("button[data-seat][data-state='available']", (els) => els.slice(0, 40).map((e) => e.getAttribute("data-seat")));
    for (const seat of seats.slice(0, taps)) {
      const button = page.locator(`button[data-seat="${seat}"]`);
      await button.scrollIntoViewIfNeeded();
      await page.evaluate((id) => {
        const el = document.querySelector(`button[data-seat="${id}"]`);
        window.__tap = new Promise((resolve) => {
          let down = 0;
          el.addEventListener("pointerdown", (e) => (down = e.timeStamp), { once: true, capture: true });
          new MutationObserver((_, obs) => {
            if (el.getAttribute("aria-pressed") === "true") {
              obs.disconnect();
              // The frame after the change is the one the fan sees.
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - down), 0));
            }
          }).observe(el, { attributes: true });
        });
      }, seat);
      await button.tap();
      tapMs.push(await page.evaluate(() => window.__tap));
    }
    tapMs.sort((a, b) => a - b);
    return { selectableMs: Math.round(selectableMs), tapMedianMs: Math.round(tapMs[Math.floor(tapMs.length / 2)] ?? 0), tapMaxMs: Math.round(tapMs.at(-1) ?? 0), taps: tapMs.length };
  } finally {
    await browser.close();
    front.server.close();
  }
}
