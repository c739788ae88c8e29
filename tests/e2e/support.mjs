// Shared helpers for the browser suite: Debian's Chromium driven by playwright-core.
import { mkdirSync } from "node:fs";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";
export const SHOTS_DIR = "test-results/e2e";
mkdirSync(SHOTS_DIR, { recursive: true });

/** A 390×844 phone; bypassCSP because the app sends a nonce CSP and axe is injected by the test, not the page. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // Offline machine: keep Chromium from phoning home; root in CI needs --no-sandbox.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A page that fails the test on any uncaught page error. */
export async function newPage(browser, { viewport = { width: 1280, height: 900 }, ...opts } = {}) {
  const context = await browser.newContext({ viewport, baseURL: BASE_URL, ...opts });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.assertNoErrors = () => {
    if (errors.length) throw new Error(`page errors: ${errors.map((e) => e.message).join("; ")}`);
  };
  return page;
}

export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: true });
}

let n = 0;
export const uniqueEmail = (tag = "fan") => `${tag}-${Date.now()}-${++n}@example.com`;

export const E2E_PASSWORD = "lantern-river-e2e-1";

/**
 * The newest email in the local mailbox to `email` whose subject matches, polled for a while (the
 * queue consumer delivers within seconds). Returns its subject and text part.
 */
export async function awaitMail(page, email, subject) {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const row = new RegExp(`${escaped}</td><td[^>]*><a[^>]*href="/dev/mailbox/([\\w-]+)"[^>]*>([^<]*)</a>`, "g");
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const html = await (await page.request.get("/dev/mailbox")).text();
    const hit = [...html.matchAll(row)].find((m) => subject.test(m[2]));
    if (hit) {
      const detail = await (await page.request.get(`/dev/mailbox/${hit[1]}`)).text();
      const text = /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(detail)?.[1] ?? "";
      return { subject: hit[2], text: text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'") };
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no email to ${email} matching ${subject} within 20 s`);
}

/** On the signup form (wherever it was opened from): signs up and enters the code from the mailbox. */
export async function completeSignUp(page, { name = "E2E Fan", email = uniqueEmail(), password = E2E_PASSWORD } = {}) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((url) => url.pathname === "/verify-email");
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const mail = await awaitMail(page, email, /is your Marquee code$/);
  await page.getByLabel("Code from the email").fill(mail.subject.slice(0, 6));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL((url) => url.pathname !== "/verify-email");
  return { email, password };
}

export async function signUp(page, opts = {}) {
  await page.goto("/signup");
  const account = await completeSignUp(page, opts);
  await page.waitForURL((url) => url.pathname === "/account");
  return account;
}

/**
 * On a movie page: opens each day of the date strip from `fromDay` on until one lists a bookable
 * show. Each day is a full page load, so the links counted are the server's, never a half-painted
 * client navigation.
 */
export async function gotoDayWithShows(page, fromDay = 0) {
  // evaluateAll does not wait: after a client navigation the URL changes before the page renders,
  // and an empty strip read too early looked like a movie with no shows (a flake seen in CI).
  const strip = page.getByRole("navigation", { name: "Dates" });
  await strip.getByRole("link").first().waitFor();
  const days = await strip.getByRole("link").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  for (const href of days.slice(fromDay)) {
    await page.goto(href);
    await page.getByRole("heading", { name: /^Showtimes in / }).waitFor();
    if ((await page.locator('a[href^="/showtimes/"]').count()) > 0) return;
  }
  throw new Error("no day with a bookable show");
}

/**
 * Home → a movie → a day with bookable shows → a show's seat page. Returns the showtime path.
 * Tomorrow by default: a show later today may start while a journey is still running.
 */
export async function openBookableShowtime(page, { city = "mumbai", movieIndex = 0, fromDay = 1, last = false } = {}) {
  await page.goto(`/?city=${city}`);
  await page.getByRole("list", { name: "Movies" }).getByRole("link").nth(movieIndex).click();
  await page.waitForURL(/\/movies\//);
  await gotoDayWithShows(page, fromDay);
  const shows = page.locator('a[href^="/showtimes/"]');
  await (last ? shows.last() : shows.first()).click();
  await page.waitForURL(/\/showtimes\/[^/]+$/);
  await page.getByText("Screen this way").waitFor();
  return new URL(page.url()).pathname;
}

/** The ids of the first `n` seats that are free right now, in the order they are drawn. */
export async function freeSeats(page, n) {
  const ids = await page.locator('button[data-seat][data-state="available"]').evaluateAll((els) => els.map((e) => e.dataset.seat));
  if (ids.length < n) throw new Error(`only ${ids.length} free seats`);
  return ids.slice(0, n);
}

/** Logs in through the form and waits for the page `redirectTo` leads to. */
export async function logIn(page, { email, password, redirectTo = "/admin", landing = /\/admin/ }) {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(landing);
}

/** A date and a start time (HH:MM, on a 5-minute step) `msFromNow` ahead, in the demo cinemas' zone. */
export function kolkataSlot(msFromNow) {
  const at = new Date(Math.ceil((Date.now() + msFromNow) / 300_000) * 300_000);
  const part = (o) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata", ...o }).format(at);
  return { date: part({ year: "numeric", month: "2-digit", day: "2-digit" }), time: part({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) };
}

/** The signed ticket token in the confirmation email the local mailbox received for `email`. */
export async function ticketTokenFromMailbox(page, email, bookingId) {
  for (const started = Date.now(); ; ) {
    if (Date.now() - started > 20_000) throw new Error(`no confirmation email for ${email}`);
    await page.goto("/dev/mailbox");
    const row = page.getByRole("row").filter({ hasText: email }).first();
    if ((await row.count()) > 0) {
      await row.getByRole("link").click();
      const token = new RegExp(`MQ1\\.${bookingId}\\.[A-Za-z0-9_-]+`).exec(await page.locator("pre").innerText())?.[0];
      if (token) return token;
    }
    await page.waitForTimeout(500);
  }
}

/** From a showtime page: hold `seat`, pay in the sandbox, and return the confirmed booking's id. */
export async function buySeat(page, showtimeId, seatLabel) {
  await page.goto(`/showtimes/${showtimeId}`);
  await page.getByRole("button", { name: seatLabel }).first().click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/summary/);
  await page.getByRole("button", { name: "Proceed to pay" }).click();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  return new URL(page.url()).pathname.split("/").pop();
}

/** Whether an <img> decodes: waits for its load (or error) rather than reading `complete` once, which races a slow box. */
export function imageLoads(locator) {
  return locator.evaluate((img) =>
    img.complete ? img.naturalWidth > 0 : new Promise((resolve) => {
      img.addEventListener("load", () => resolve(img.naturalWidth > 0), { once: true });
      img.addEventListener("error", () => resolve(false), { once: true });
    }),
  );
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Fails on any serious or critical axe violation on the current page (open it with bypassCSP: axe is injected). */
export async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  assert.deepEqual(violations, [], `axe on ${name}`);
}
