// The storefront on a fan's phone (issue 31): how many seats, one tap for a block, best available
// with no orphan seat, dark mode, axe in both themes.
/* global caches -- used inside the page, in Chromium */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PHONE, axe, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const pressed = (page) => page.locator('button[data-seat][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.dataset.seat));
const rowOf = (id) => id.replace(/\d+$/, "");
const numberOf = (id) => Number(id.replace(/^[A-Z]+/, ""));

/** Seats in one row with consecutive numbers, drawn side by side (no aisle between them). */
async function assertTogether(page, ids, n) {
  assert.equal(ids.length, n, `${n} seats picked: ${ids.join(",")}`);
  assert.equal(new Set(ids.map(rowOf)).size, 1, `one row: ${ids.join(",")}`);
  const nums = ids.map(numberOf).sort((a, b) => a - b);
  nums.forEach((x, i) => i && assert.equal(x, nums[i - 1] + 1, `consecutive: ${ids.join(",")}`));
  const cols = await Promise.all(ids.map((id) => page.locator(`button[data-seat="${id}"]`).getAttribute("data-c").then(Number)));
  cols.sort((a, b) => a - b).forEach((c, i) => i && assert.equal(c, cols[i - 1] + 1, `no aisle inside the block: ${ids.join(",")}`));
}

/** No single free seat next to the block: the neighbour on each side is taken/gap/end, or the one after it is free too. */
async function assertNoOrphan(page, ids) {
  const stranded = await page.evaluate((picked) => {
    const state = (r, c) => document.querySelector(`button[data-seat][data-r="${r}"][data-c="${c}"]`)?.getAttribute("data-state") ?? "gap";
    const free = (r, c) => state(r, c) === "available" || state(r, c) === "yours";
    const cells = picked.map((id) => document.querySelector(`button[data-seat="${id}"]`));
    const r = cells[0].dataset.r;
    const cs = cells.map((el) => Number(el.dataset.c));
    const lo = Math.min(...cs);
    const hi = Math.max(...cs);
    const out = [];
    if (free(r, lo - 1) && !free(r, lo - 2)) out.push(lo - 1);
    if (free(r, hi + 1) && !free(r, hi + 2)) out.push(hi + 1);
    return out;
  }, ids);
  assert.deepEqual(stranded, [], `no single empty seat beside ${ids.join(",")}`);
}

test("phone: how many seats, then two taps take four seats together; best available leaves no orphan", async () => {
  const page = await newPage(browser, PHONE);
  await signUp(page);
  await openBookableShowtime(page, { movieIndex: 3 });
  await page.getByText("How many seats?").waitFor();
  // Asked before the map.
  const question = await page.getByTestId("seat-count").boundingBox();
  const map = await page.getByTestId("seat-map").boundingBox();
  assert.ok(question.y < map.y, "the count comes before the map");

  // Tap 1: four. Tap 2: a seat, which is ≥ 44 px at the size the map opens at on a phone.
  await page.getByRole("button", { name: "4", exact: true }).tap();
  const target = page.locator('button[data-seat][data-state="available"]').nth(40);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  assert.ok(box.width >= 44 && box.height >= 44, `the tapped seat is ≥ 44 px (${box.width}×${box.height})`);
  const tapped = await target.getAttribute("data-seat");
  await target.tap();
  const four = await pressed(page);
  assert.ok(four.includes(tapped), "the block includes the tapped seat");
  await assertTogether(page, four, 4);
  await page.getByText(/^4 seats: /).waitFor();
  // Row letters and the screen marker stay in view beside the seats.
  assert.ok(await page.getByText("Screen this way").isVisible());
  await shot(page, "phone-four-by-two-taps");

  // Best available: three together, centred, no single seat stranded beside them.
  await page.getByRole("button", { name: "3", exact: true }).tap();
  await page.getByRole("button", { name: "Best available" }).tap();
  const three = await pressed(page);
  await assertTogether(page, three, 3);
  await assertNoOrphan(page, three);
  assert.equal(await page.getByTestId("orphan-hint").count(), 0);
  await shot(page, "phone-best-available");

  // Holds still go through the server.
  await page.getByRole("button", { name: "Continue" }).tap();
  await page.waitForURL(/\/summary$/);
  for (const id of three) await page.getByText(id, { exact: false }).first().waitFor();
  page.assertNoErrors();
});

test("phone: a seat pick that strands a single seat is pointed out", async () => {
  const page = await newPage(browser, PHONE);
  await signUp(page);
  await openBookableShowtime(page, { movieIndex: 2, fromDay: 3 });
  // Without a count a tap picks one seat: the second seat of a free row leaves the first alone.
  const id = await page.evaluate(() => {
    const free = (r, c) => document.querySelector(`button[data-seat][data-r="${r}"][data-c="${c}"][data-state="available"]`);
    const second = [...document.querySelectorAll('button[data-seat][data-state="available"][data-c="1"]')].find((el) => free(el.dataset.r, 0) && free(el.dataset.r, 2));
    return second.dataset.seat;
  });
  await page.locator(`button[data-seat="${id}"]`).scrollIntoViewIfNeeded();
  await page.locator(`button[data-seat="${id}"]`).tap();
  assert.deepEqual(await pressed(page), [id]);
  await page.getByTestId("orphan-hint").filter({ hasText: `${rowOf(id)}1` }).waitFor();
  page.assertNoErrors();
});

for (const scheme of ["light", "dark"]) {
  test(`axe and screenshots in the ${scheme} theme: home, movie, cinema, seat map`, async () => {
    const page = await newPage(browser, { ...PHONE, colorScheme: scheme });
    await page.goto("/?city=mumbai");
    // The page follows the system: slate-50 by day, slate-950 by night.
    const background = await page.evaluate(() => window.getComputedStyle(document.body).backgroundColor);
    assert.match(background, scheme === "dark" ? /^oklch\(0\.12/ : /^oklch\(0\.98/);
    await shot(page, `theme-${scheme}-home`);
    await axe(page, `home (${scheme})`);
    await page.getByRole("list", { name: "Movies" }).getByRole("link").first().click();
    await page.waitForURL(/\/movies\//);
    await shot(page, `theme-${scheme}-movie`);
    await axe(page, `movie (${scheme})`);
    const cinema = await page.locator('a[href^="/cinemas/"]').first().getAttribute("href");
    await page.goto(cinema);
    await shot(page, `theme-${scheme}-cinema`);
    await axe(page, `cinema (${scheme})`);
    await openBookableShowtime(page, { movieIndex: 0 });
    await page.locator("button[data-seat]").first().waitFor({ state: "attached" });
    await shot(page, `theme-${scheme}-seat-map`);
    await axe(page, `seat map (${scheme})`);
    page.assertNoErrors();
  });
}

test("the theme switch is remembered across pages, without JavaScript too", async () => {
  const page = await newPage(browser, { ...PHONE, colorScheme: "light", javaScriptEnabled: false });
  await page.goto("/about");
  await page.getByRole("button", { name: "Theme: auto" }).click();
  await page.waitForURL(/\/about$/);
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  await page.goto("/");
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  assert.equal(await page.evaluate(() => window.getComputedStyle(document.body).colorScheme), "dark");
  await page.getByRole("button", { name: "Theme: dark" }).click();
  assert.equal(await page.locator("html").getAttribute("data-theme"), "light");
});

test("phone, dark: a bought ticket opens offline with its QR; the image is a PNG; logout forgets it", async () => {
  const page = await newPage(browser, { ...PHONE, colorScheme: "dark", acceptDownloads: true });
  await signUp(page);
  await openBookableShowtime(page, { movieIndex: 4, fromDay: 2 });
  await page.getByRole("button", { name: "2", exact: true }).tap();
  await page.getByRole("button", { name: "Best available" }).tap();
  await axe(page, "seat map (dark, picked)");
  await page.getByRole("button", { name: "Continue" }).tap();
  await page.waitForURL(/\/summary$/);
  await page.getByRole("button", { name: "Proceed to pay" }).tap();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await axe(page, "pay (dark)");
  await shot(page, "dark-pay");
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const ticketPath = new URL(page.url()).pathname;
  await page.getByText(/Bandra|Colaba|Andheri|Road|Mumbai/).first().waitFor();
  await axe(page, "ticket (dark)");
  await shot(page, "dark-ticket");

  // "Download image" saves a PNG a gallery takes.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-image").tap()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  const bytes = await (await import("node:fs/promises")).readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a real PNG");

  // My bookings keeps the upcoming tickets on the phone.
  await page.goto("/account");
  await page.getByRole("heading", { name: "Upcoming" }).waitFor();
  await axe(page, "my bookings (dark)");
  await shot(page, "dark-my-bookings");
  const kept = () => page.evaluate(async () => ((await caches.has("marquee-tickets-v1")) ? (await (await caches.open("marquee-tickets-v1")).keys()).map((r) => new URL(r.url).pathname) : []));
  await page.waitForFunction(async (path) => {
    if (!(await caches.has("marquee-tickets-v1"))) return false;
    const keys = await (await caches.open("marquee-tickets-v1")).keys();
    return keys.some((r) => new URL(r.url).pathname === path) && keys.some((r) => new URL(r.url).pathname === `${path}/ticket.svg`);
  }, ticketPath);

  // The network cut: the ticket opens with its QR, and anything else lists the kept tickets.
  await page.context().setOffline(true);
  await page.goto(ticketPath);
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const qr = page.locator(`img[src$="/ticket.svg"]`).first();
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await qr.elementHandle());
  await shot(page, "offline-ticket");
  await page.goto("/");
  await page.getByRole("heading", { name: "Your tickets" }).waitFor();
  await page.locator(`a[href="${ticketPath}"]`).waitFor();
  await shot(page, "offline-home");
  await page.context().setOffline(false);
  await page.waitForFunction(() => window.navigator.onLine);

  // Logging out forgets the kept tickets.
  await page.goto("/account");
  await page.getByRole("heading", { name: "Upcoming" }).waitFor();
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.waitForFunction(async () => !(await caches.has("marquee-tickets-v1")) || (await (await caches.open("marquee-tickets-v1")).keys()).length === 0);
  assert.deepEqual(await kept(), []);
  page.assertNoErrors();
});

test("phone home: films first, filters behind one row of chips, the city asked once, cinemas to browse", async () => {
  const page = await newPage(browser, PHONE);
  await page.goto("/");
  // A first visit: the picker asks for the city, nothing else does.
  await page.getByRole("region", { name: "Where are you watching?" }).waitFor();
  assert.equal(await page.getByLabel("City").count(), 0);
  const whole = () =>
    page.locator('ul[aria-label="Movies"] img').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= window.innerHeight).length);
  assert.ok((await whole()) >= 2, "two whole posters in the first screen on a first visit");
  await page.getByRole("region", { name: "Where are you watching?" }).getByRole("link", { name: "Mumbai" }).click();
  await page.waitForURL(/city=mumbai/);
  assert.ok((await whole()) >= 2, "two whole posters in the first screen");
  await shot(page, "phone-home");
  // The chips open the filters; a choice is a shareable URL and shows on its chip.
  const form = page.getByRole("form", { name: "Filter movies" });
  assert.equal(await form.isVisible(), false);
  await page.locator(`label[for="filter-sheet"]`).tap();
  await form.getByLabel("Language").selectOption("Hindi");
  await page.waitForURL(/lang=Hindi/);
  await page.locator(`label[for="filter-sheet"]`).getByText("Hindi").waitFor();
  await shot(page, "phone-home-filtered");
  // Cinemas are one tap from home.
  await page.getByRole("region", { name: /^Cinemas in / }).getByRole("link").first().click();
  await page.waitForURL(/\/cinemas\//);
  page.assertNoErrors();
});

test("the console fits a 1366 px laptop: every tab in view, no dashboard table cut off", async () => {
  const page = await newPage(browser, { viewport: { width: 1366, height: 768 } });
  await page.goto("/login?redirectTo=%2Fadmin%2Fdashboard");
  await page.getByLabel("Email").fill("admin@marquee.test");
  await page.getByLabel("Password").fill("admin-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((u) => u.pathname === "/admin/dashboard");
  // The URL changes before the console has rendered: wait for the tab bar itself.
  await page.locator('nav[aria-label="Operator console"]').waitFor();
  const clipped = await page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Operator console"]').getBoundingClientRect();
    return [...document.querySelectorAll('nav[aria-label="Operator console"] a')].filter((a) => a.getBoundingClientRect().right > nav.right + 1).map((a) => a.textContent);
  });
  assert.deepEqual(clipped, [], "no tab is cut off");
  const wide = await page.evaluate(() => [...document.querySelectorAll("table")].filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1).map((t) => t.querySelector("caption")?.textContent));
  assert.deepEqual(wide, [], "no dashboard table scrolls sideways");
  await shot(page, "console-1366");
  page.assertNoErrors();
});
