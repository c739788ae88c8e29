// Browser journeys through payment, against `npm start` with the local Razorpay sandbox.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, newPage, shot } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function logInAsDemo(page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@marquee.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Opens the first bookable showtime of the first movie that has one this week. */
async function openShowtime(page) {
  await page.goto("/?city=mumbai");
  await page.getByRole("list", { name: "Movies" }).getByRole("link").first().click();
  await page.waitForURL(/\/movies\//);
  const dates = page.getByRole("navigation", { name: "Dates" }).getByRole("link");
  for (let i = 0; i < 7; i++) {
    if ((await page.locator('a[href^="/showtimes/"]').count()) > 0) break;
    await dates.nth(i + 1).click();
    await page.waitForLoadState("networkidle");
  }
  await page.locator('a[href^="/showtimes/"]').last().click();
  await page.waitForURL(/\/showtimes\/[^/]+$/);
}

/** Picks `count` free seats, continues to the summary, proceeds to pay. */
async function holdAndProceed(page, count) {
  const free = page.locator('button[data-seat][data-state="available"]');
  await free.first().waitFor();
  const picked = [];
  for (let i = 0; i < count; i++) {
    const seat = free.nth(0);
    picked.push(await seat.getAttribute("data-seat"));
    await seat.click();
  }
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/summary$/);
  await page.getByRole("button", { name: "Proceed to pay" }).click();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await page.getByTestId("hold-countdown").waitFor();
  return picked;
}

async function sandboxModal(page) {
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  const modal = page.getByRole("dialog");
  await modal.waitFor();
  return modal;
}

test("hold → summary → pay in the sandbox → ticket", async () => {
  const page = await newPage(browser);
  await logInAsDemo(page);
  await openShowtime(page);
  const seats = await holdAndProceed(page, 2);
  await shot(page, "pay-page");
  const modal = await sandboxModal(page);
  await shot(page, "sandbox-checkout");
  await modal.getByRole("button", { name: "Pay", exact: true }).click();
  await page.waitForURL(/\/bookings\/[^/]+$/);
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const ticket = await page.getByRole("region", { name: "Ticket" }).textContent();
  for (const seat of seats) assert.ok(ticket.includes(seat), `ticket lists ${seat}`);
  const bookingId = new URL(page.url()).pathname.split("/").pop();
  const qr = page.getByRole("img", { name: /QR code of ticket/ });
  await qr.waitFor();
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "the ticket QR image loads");
  await shot(page, "ticket");
  await page.getByRole("link", { name: "All your bookings" }).click();
  await page.waitForURL(/\/account$/);
  page.assertNoErrors();

  // The confirmation reaches the local mailbox within seconds, with these seats and this booking.
  const started = Date.now();
  for (;;) {
    await page.goto("/dev/mailbox");
    const newest = page.getByRole("row").filter({ hasText: "demo@marquee.test" }).filter({ hasText: "Your tickets" }).first();
    if ((await newest.count()) > 0) {
      await newest.getByRole("link").click();
      await page.waitForURL(/\/dev\/mailbox\/[\w-]+$/);
      if ((await page.locator("pre").innerText()).includes(bookingId)) break;
    }
    assert.ok(Date.now() - started < 20_000, "the confirmation arrived within 20 s");
    await page.waitForTimeout(500);
  }
  console.log(`confirmation in the mailbox ${Date.now() - started} ms after payment`);
  const text = await page.locator("pre").innerText();
  for (const seat of seats) assert.ok(text.includes(seat), `the email lists ${seat}`);
  await shot(page, "ticket-email");
});

test("a failed payment keeps the hold; retrying succeeds", async () => {
  const page = await newPage(browser);
  await logInAsDemo(page);
  await openShowtime(page);
  await holdAndProceed(page, 1);
  let modal = await sandboxModal(page);
  await modal.getByRole("button", { name: "Fail" }).click();
  await modal.getByText(/declined/).waitFor();
  await modal.getByRole("button", { name: "Close" }).click();
  await page.getByRole("alert").filter({ hasText: "you can try again" }).waitFor();
  await shot(page, "payment-failed");
  modal = await sandboxModal(page);
  await modal.getByRole("button", { name: "Pay", exact: true }).click();
  await page.waitForURL(/\/bookings\/[^/]+$/);
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  page.assertNoErrors();
});
