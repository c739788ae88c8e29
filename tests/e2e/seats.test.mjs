import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freeSeats, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const seat = (page, id) => page.locator(`button[data-seat="${id}"]`);

test("keyboard only: arrow keys and Space pick seats, Enter continues to a summary with a countdown", async () => {
  const page = await newPage(browser);
  await signUp(page);
  await openBookableShowtime(page, { movieIndex: 1 });
  await page.locator("button[data-seat]").first().waitFor();
  // Tab until a seat has focus: the map is one tab stop.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.hasAttribute("data-seat"))) break;
  }
  const first = await page.evaluate(() => document.activeElement?.getAttribute("data-seat"));
  assert.ok(first, "a seat took focus");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  const picked = await page.locator('button[data-seat][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.dataset.seat));
  assert.equal(picked.length, 2, `two seats picked, got ${picked.join(",")}`);
  assert.ok(!picked.includes(first), "focus moved off the first seat before picking");
  await page.getByText(/^2 seats: /).waitFor();
  // Keyboard to the Continue button.
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.textContent === "Continue")) break;
  }
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/summary$/);
  await page.getByRole("heading", { name: "Booking summary" }).waitFor();
  const timer = page.getByRole("timer");
  assert.match(await timer.textContent(), /^\d\d:\d\d$/);
  for (const id of picked) await page.getByText(id, { exact: false }).first().waitFor();
  await shot(page, "summary");
  page.assertNoErrors();
});

test("live: a seat one fan holds turns unavailable for another without a reload", async () => {
  const alice = await newPage(browser);
  const bob = await newPage(browser);
  await signUp(alice, { name: "Alice" });
  await signUp(bob, { name: "Bob" });
  const path = await openBookableShowtime(alice, { movieIndex: 2 });
  await bob.goto(path);
  const [id] = await freeSeats(alice, 1);
  await seat(bob, id).waitFor();
  assert.equal(await seat(bob, id).getAttribute("data-state"), "available");
  // Bob picks the same seat but has not continued yet.
  await seat(bob, id).click();
  assert.equal(await seat(bob, id).getAttribute("aria-pressed"), "true");
  await seat(alice, id).click();
  await alice.getByRole("button", { name: "Continue" }).click();
  await alice.waitForURL(/\/summary$/);
  // Bob's page learns over the socket: the seat is held and dropped from his selection, with a message.
  await bob.waitForFunction((sid) => document.querySelector(`button[data-seat="${sid}"]`)?.getAttribute("data-state") === "held", id);
  await bob.getByRole("alert").filter({ hasText: "just taken by someone else" }).waitFor();
  await shot(bob, "seat-taken-live");
  // Alice changes her mind: the seat is released at once and Bob sees it free again.
  await alice.getByRole("button", { name: "Release these seats" }).click();
  await alice.waitForURL(/notice=released/);
  await bob.waitForFunction((sid) => document.querySelector(`button[data-seat="${sid}"]`)?.getAttribute("data-state") === "available", id);
  alice.assertNoErrors();
  bob.assertNoErrors();
});

test("the summary countdown reaching zero asks the server, and sends the user back only once the hold is gone", async () => {
  const page = await newPage(browser);
  await signUp(page);
  await page.clock.install();
  const path = await openBookableShowtime(page, { movieIndex: 3 });
  const [id] = await freeSeats(page, 1);
  await seat(page, id).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/summary$/);
  await page.getByRole("timer").waitFor();
  // The browser's clock jumps past the hold's TTL: the page asks the server, which still holds the
  // seats, so the summary stays (no expiry is claimed that did not happen) until the real hold ends.
  const ttl = Number(process.env.E2E_HOLD_TTL_SECONDS ?? 600);
  await page.clock.fastForward((ttl + 2) * 1000);
  await page.getByRole("button", { name: "Proceed to pay" }).waitFor();
  assert.ok(new URL(page.url()).pathname.endsWith("/summary"), "still on the summary while the server holds the seats");
  await page.waitForURL((url) => url.pathname === path && url.searchParams.get("notice") === "expired", { timeout: (ttl + 20) * 1000 });
  await page.getByText("Your hold expired").waitFor();
  page.assertNoErrors();
});

test("phone-sized viewport: the whole purchase, seat to ticket, without horizontal page scroll", async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signUp(page);
  await openBookableShowtime(page, { movieIndex: 0, city: "delhi" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page itself does not scroll sideways (overflow ${overflow}px)`);
  const [id] = await freeSeats(page, 1);
  await seat(page, id).tap();
  await page.getByRole("button", { name: "Continue" }).tap();
  await page.waitForURL(/\/summary$/);
  await shot(page, "summary-phone");
  await page.getByRole("button", { name: "Proceed to pay" }).tap();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await page.getByRole("button", { name: /^Pay ₹/ }).tap();
  await page.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).tap();
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  await page.getByRole("img", { name: /QR code of ticket/ }).waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `the ticket fits the phone (overflow ${wide}px)`);
  await shot(page, "ticket-phone");
  page.assertNoErrors();
});

test("slow scripts: the map can be ticked before JS arrives, and those ticks are still picked once it takes over", async () => {
  const scout = await newPage(browser);
  const path = await openBookableShowtime(scout, { movieIndex: 3 });
  const [a, b, c] = await freeSeats(scout, 3);
  await scout.context().close();

  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  // Every script waits until the fan has ticked seats: a phone on a slow link sees the map first.
  let release;
  const scriptsMayLoad = new Promise((resolve) => (release = resolve));
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await scriptsMayLoad;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  const box = (id) => page.locator(`label[data-seat="${id}"]`);
  await box(a).waitFor();
  assert.equal(await page.locator("button[data-seat]").count(), 0, "no script has run yet");
  await box(a).tap();
  await box(b).tap();
  await box(c).tap();
  await box(c).tap();
  const looksPicked = (id) => box(id).evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor);
  assert.equal(await box(a).locator("input").isChecked(), true);
  assert.notEqual(await looksPicked(a), await looksPicked(c), "a ticked seat looks different from an unticked one");

  release();
  await page.locator(`button[data-seat="${a}"]`).waitFor();
  const pressed = await page.locator('button[data-seat][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.dataset.seat));
  assert.deepEqual(pressed.sort(), [a, b].sort(), "the seats ticked before JS are the selection after it");
  await page.getByText(new RegExp(`^2 seats: ${a}, ${b} · `)).waitFor();
  // JS carries on from there: one more tap adds to the same selection.
  await page.locator(`button[data-seat="${c}"]`).tap();
  await page.getByText(/^3 seats: /).waitFor();
  page.assertNoErrors();
});
