// Phone-first purchase journeys at 390×844 (issue 15), with axe-core over every purchase page.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { PHONE, axe, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const seatSize = (page) => page.getByTestId("seat-map").locator("[data-seat-size]").getAttribute("data-seat-size").then(Number);
const free = (page) => page.locator('button[data-seat][data-state="available"]');
const pressed = (page) => page.locator('button[data-seat][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.dataset.seat));

async function zoomToTouch(page) {
  for (let i = 0; i < 4 && (await seatSize(page)) < 44; i++) await page.getByRole("button", { name: "Zoom in" }).tap();
  assert.ok((await seatSize(page)) >= 44, "zoomed seats are at least 44 px");
}

test("phone: every seat of the 18-wide screen is reachable; limit message; change seats keeps the hold; two tabs; print, .ics, cancel with confirmation", async () => {
  const page = await newPage(browser, PHONE);
  await signUp(page);
  await axe(page, "account");
  const path = await openBookableShowtime(page, { movieIndex: 1 });
  await free(page).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
  // A phone opens the map at a size a finger can hit; "Fit" puts the whole row on screen.
  assert.ok((await seatSize(page)) >= 44, "the map opens with ≥ 44 px seats on a phone");
  await page.getByRole("button", { name: "Fit" }).tap();
  const fits = await page.getByTestId("seat-map").locator("[data-seat-size]").evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  assert.ok(fits, "Fit puts the whole row on the phone's width");
  assert.ok(await page.getByText("Screen this way").isVisible());
  await shot(page, "phone-map-fit");
  await axe(page, "seat map");

  // Zoomed in: ≥ 44 px targets, a "more" hint, row letters that stay while panning, every seat reachable.
  await zoomToTouch(page);
  await page.getByTestId("more-seats-hint").waitFor();
  const scroller = page.getByTestId("seat-map").locator("[data-seat-size]");
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const box = await scroller.boundingBox();
  const label = await page.getByTestId("seat-map").locator("th[scope=row]").first().boundingBox();
  assert.ok(label.x >= box.x - 1 && label.x < box.x + 40, "row letters stay at the left edge while panning");
  const ids = await free(page).evaluateAll((els) => els.map((e) => e.dataset.seat));
  const far = ids.filter((id) => /^[A-Z]18$/.test(id))[0] ?? ids[ids.length - 1];
  await page.locator(`button[data-seat="${far}"]`).scrollIntoViewIfNeeded();
  const seatBox = await page.locator(`button[data-seat="${far}"]`).boundingBox();
  assert.ok(seatBox.width >= 44 && seatBox.height >= 44, `seat ${far} is a ≥ 44 px target`);
  await shot(page, "phone-map-zoomed");

  // The 11th seat: the limit is said on the page and to screen readers; nothing else changes.
  await page.getByRole("button", { name: "Fit" }).tap();
  for (const id of ids.slice(0, 10)) await page.locator(`button[data-seat="${id}"]`).click();
  await page.locator(`button[data-seat="${ids[10]}"]`).click();
  await page.getByRole("alert").filter({ hasText: "You can pick up to 10 seats per show" }).waitFor();
  assert.equal((await pressed(page)).length, 10);
  await shot(page, "phone-limit");
  for (const id of ids.slice(2, 10)) await page.locator(`button[data-seat="${id}"]`).click();

  // Hold two, then change seats: back on the map with both still held and selected.
  const [a, b, c] = [ids[0], ids[1], ids[12]];
  await page.getByRole("button", { name: "Continue" }).tap();
  await page.waitForURL(/\/summary$/);
  await axe(page, "summary");
  await page.getByTestId("change-seats").tap();
  await page.waitForURL((url) => url.pathname === path);
  await page.getByTestId("current-hold").waitFor();
  await page.waitForFunction(() => document.querySelectorAll('button[data-seat][aria-pressed="true"]').length === 2);
  assert.deepEqual((await pressed(page)).sort(), [a, b].sort());
  await page.locator(`button[data-seat="${b}"]`).click();
  await page.locator(`button[data-seat="${c}"]`).click();
  await shot(page, "phone-change-seats");
  await page.getByRole("button", { name: "Update seats" }).tap();
  await page.waitForURL(/\/summary$/);
  const held = async () => ((await (await page.request.get(`/api${path}/seats`)).json()).yourHold?.seatIds ?? []).sort();
  assert.deepEqual(await held(), [a, c].sort(), "the new pick replaced the hold");

  // Tab 2 changes the hold; tab 1's stale "Proceed to pay" shows the current hold instead of "expired".
  const tab2 = await page.context().newPage();
  await tab2.goto(path);
  await tab2.getByTestId("current-hold").waitFor();
  await tab2.locator(`button[data-seat="${a}"]`).click();
  await tab2.getByRole("button", { name: "Update seats" }).click();
  await tab2.waitForURL(/\/summary$/);
  await tab2.close();
  await page.getByRole("button", { name: "Proceed to pay" }).tap();
  await page.waitForURL(/\/summary\?notice=changed$/);
  await page.getByText("changed in another tab").waitFor();
  await shot(page, "phone-two-tabs");

  // Pay: the sandbox checkout is a real dialog (Esc closes it, focus returns to Pay).
  await page.getByRole("button", { name: "Proceed to pay" }).tap();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await axe(page, "pay");
  const payButton = page.getByRole("button", { name: /^Pay ₹/ });
  await payButton.click();
  await page.getByRole("dialog").waitFor();
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  assert.ok(await payButton.evaluate((el) => el === document.activeElement), "focus returns to Pay");
  await payButton.click();
  await page.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const bookingId = new URL(page.url()).pathname.split("/").pop();
  const code = await page.getByTestId("booking-code").innerText();
  assert.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  await axe(page, "ticket");

  // Print: just the ticket.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header").first().evaluate((el) => window.getComputedStyle(el).display), "none");
  assert.equal(await page.locator("[data-print-ticket]").evaluate((el) => window.getComputedStyle(el).visibility), "visible");
  await shot(page, "phone-ticket-print");
  await page.emulateMedia({ media: "screen" });

  // Add to calendar: the show in the cinema's time zone.
  const ics = await page.request.get(`/bookings/${bookingId}/calendar.ics`);
  assert.match(ics.headers()["content-type"], /text\/calendar/);
  assert.match(await ics.text(), /DTSTART;TZID=Asia\/Kolkata:\d{8}T\d{6}/);

  // Cancel: the amounts first, one confirmation, then the money moves.
  await page.getByText("Cancel booking…").click();
  const confirm = page.getByTestId("cancel-confirm");
  assert.match(await confirm.innerText(), /You get back ₹[\d.,]+\. We keep ₹[\d.,]+/);
  await shot(page, "phone-cancel-confirm");
  await confirm.getByRole("button", { name: /^Yes, cancel and refund ₹/ }).click();
  await page.getByRole("heading", { name: "Booking cancelled" }).waitFor();
  await page.getByText("You cancelled this booking.").waitFor();
  await page.goto("/account");
  await page.locator(`[data-testid="booking-item"][data-status="CANCELLED"]`).first().waitFor();
  assert.match(await page.locator("main").innerText(), /refunded ₹/);
  await shot(page, "phone-my-bookings");
  await axe(page, "my bookings");
  page.assertNoErrors();
});

const d1 = (sql) =>
  JSON.parse(
    execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--json", "--command", sql], {
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    }),
  );

test("phone: a 30-seat row fits, zooms, and its last seat can be bought", async () => {
  const [{ results }] = d1("SELECT s.cinema_id AS cinema, (SELECT id FROM movies LIMIT 1) AS movie FROM screens s LIMIT 1");
  const { cinema, movie } = results[0];
  const tag = Date.now().toString(36);
  const row = (label) => ({ label, category: "CLASSIC", cells: [...Array.from({ length: 15 }, (_, i) => ({ n: i + 1, type: "standard" })), null, null, ...Array.from({ length: 15 }, (_, i) => ({ n: i + 16, type: "standard" }))] });
  const layout = JSON.stringify({ categories: [{ code: "CLASSIC", name: "Classic" }], rows: ["A", "B", "C", "D"].map(row) });
  const startsAt = Date.now() + 2 * 86_400_000;
  d1(
    `INSERT INTO screens (id, cinema_id, name, layout, seat_count) VALUES ('scr-e2e-30-${tag}', '${cinema}', 'Wide ${tag}', '${layout}', 120);
     INSERT INTO showtimes (id, movie_id, screen_id, starts_at, format, language, prices, status) VALUES ('st-e2e-30-${tag}', '${movie}', 'scr-e2e-30-${tag}', ${startsAt}, '2D', 'English', '{"CLASSIC":18000}', 'SCHEDULED');`,
  );
  const page = await newPage(browser, PHONE);
  await signUp(page);
  await page.goto(`/showtimes/st-e2e-30-${tag}`);
  await free(page).first().waitFor();
  await page.getByRole("button", { name: "Fit" }).tap();
  const fits = await page.getByTestId("seat-map").locator("[data-seat-size]").evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  assert.ok(fits, "a 30-seat row fits the phone after Fit");
  await shot(page, "phone-30-fit");
  await zoomToTouch(page);
  const last = page.locator('button[data-seat="C30"]');
  await last.scrollIntoViewIfNeeded();
  const bbox = await last.boundingBox();
  assert.ok(bbox.width >= 44 && bbox.x + bbox.width <= 390, "C30 is on screen and ≥ 44 px");
  await last.tap();
  await shot(page, "phone-30-zoomed");
  await page.getByRole("button", { name: "Continue" }).tap();
  await page.waitForURL(/\/summary$/);
  assert.ok((await page.locator("main").innerText()).includes("C30"));
  page.assertNoErrors();
});

test("axe: login, signup and the policy pages", async () => {
  const page = await newPage(browser, PHONE);
  for (const path of ["/login", "/signup", "/about", "/contact", "/terms", "/privacy", "/refund-policy"]) {
    await page.goto(path);
    await axe(page, path);
  }
  // A failed login: the error summary is announced and focus lands on the first invalid field.
  await page.goto("/signup");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByTestId("error-summary").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")), "true");
  await axe(page, "signup with errors");
  page.assertNoErrors();
});
