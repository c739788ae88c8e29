// A cheap phone on a slow network: Chromium with 4× CPU throttling and DevTools' "Fast 3G" profile
// opens the 400-seat page cold. Reports when the first seat can be selected (the map is hydrated and
// a seat is a button) and the delay from tapping a seat to the frame that shows it selected.
import { chromium } from "playwright-core";

// DevTools' Fast 3G preset: 562.5 ms RTT (150 ms × 3.75), 1.6 Mb/s down and 750 kb/s up (× 0.9).
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };

export async function cheapPhone({ base, path, taps = 5 }) {
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
  }
}
