// Shared helpers for the browser suite: Debian's Chromium driven by playwright-core.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8787";
export const SHOTS_DIR = "test-results/e2e";
mkdirSync(SHOTS_DIR, { recursive: true });

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
  const days = await page.getByRole("navigation", { name: "Dates" }).getByRole("link").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
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
