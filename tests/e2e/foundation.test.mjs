import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gotoDayWithShows, launchBrowser, newPage, shot, signUp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("browse: city → movie → showtime draws the seat layout", async () => {
  const page = await newPage(browser);
  await page.goto("/");
  // A first visit asks for the city once: the picker, not a second select.
  assert.equal(await page.getByLabel("City").count(), 0);
  await page.getByRole("region", { name: "Where are you watching?" }).getByRole("link", { name: "Mumbai" }).click();
  await page.waitForURL(/city=mumbai/);
  await shot(page, "home");
  const movies = page.getByRole("list", { name: "Movies" }).getByRole("link");
  assert.ok((await movies.count()) >= 4, "several movies listed");
  await movies.first().click();
  await page.waitForURL(/\/movies\//);
  await page.getByRole("heading", { name: /Showtimes in Mumbai/ }).waitFor();
  assert.equal(await page.getByRole("navigation", { name: "Dates" }).getByRole("link").count(), 7);
  await shot(page, "movie");
  await gotoDayWithShows(page);
  await page.locator('a[href^="/showtimes/"]').first().click();
  await page.waitForURL(/\/showtimes\//);
  await assert.doesNotReject(page.getByText("Screen this way").waitFor());
  assert.ok((await page.locator("[data-seat]").count()) > 100, "seats drawn");
  await shot(page, "showtime");
  page.assertNoErrors();
});

test("account: sign up → log out → wrong password → log in → account", async () => {
  const page = await newPage(browser);
  const { email, password } = await signUp(page);
  await assert.doesNotReject(page.getByText("No bookings yet").waitFor());
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await page.getByRole("link", { name: "Log in" }).waitFor();
  await page.goto("/account");
  await page.waitForURL(/\/login\?redirectTo=%2Faccount/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-my-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByText("Email or password is incorrect.").waitFor();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/account");
  // Remix updates the URL before React has painted the new route: wait for the page itself.
  await page.getByRole("heading", { level: 1, name: /Hello, E2E Fan/ }).waitFor();
  await shot(page, "account");
  page.assertNoErrors();
});

test("phone-sized viewport: home page is usable", async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto("/?city=delhi");
  await page.getByRole("heading", { name: "Now showing in Delhi" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await shot(page, "home-phone");
});
