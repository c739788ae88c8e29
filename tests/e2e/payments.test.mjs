// Browser journeys through payment, against `npm start` with the local Razorpay sandbox.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { imageLoads, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

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

/** A show tomorrow (the last of the day), so it cannot start while the journey runs. */
const openShowtime = (page) => openBookableShowtime(page, { last: true });

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
  // Waited for, not sampled: a service worker may now sit between the page and the image (public/sw.js).
  assert.ok(await imageLoads(qr), "the ticket QR image loads");
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

test("the payment page's countdown reaching zero asks the server, and says the booking expired once the hold is gone", async () => {
  const page = await newPage(browser);
  await logInAsDemo(page);
  await page.clock.install();
  await openShowtime(page);
  await holdAndProceed(page, 1);
  const ttl = Number(process.env.E2E_HOLD_TTL_SECONDS ?? 600);
  await page.clock.fastForward((ttl + 2) * 1000);
  // The browser's clock alone proves nothing: the page stays payable while the server holds the seats.
  await page.getByRole("button", { name: /^Pay ₹/ }).waitFor();
  await page.getByText(/Your hold expired|Booking expired/).first().waitFor({ timeout: (ttl + 20) * 1000 });
  page.assertNoErrors();
});

test("a late payment for seats someone else bought meanwhile is never charged, and the page says so", async () => {
  const late = await newPage(browser);
  await late.clock.install();
  await logInAsDemo(late);
  await openShowtime(late);
  const showtimePath = new URL(late.url()).pathname;
  const [seat] = await holdAndProceed(late, 1);
  // This fan's page stands still (a checkout left open, a phone asleep) while the hold runs out.
  await late.clock.pauseAt(new Date(Date.now() + 500));
  // The hold really expires on the server (the suite runs with a short TTL), and another fan buys the seat.
  const ttl = Number(process.env.E2E_HOLD_TTL_SECONDS ?? 600);
  assert.ok(ttl <= 90, "the suite needs a short HOLD_TTL_SECONDS");
  await new Promise((r) => setTimeout(r, (ttl + 3) * 1000));
  const rival = await newPage(browser);
  await signUp(rival);
  await rival.goto(showtimePath);
  await rival.locator(`button[data-seat="${seat}"][data-state="available"]`).click();
  await rival.getByRole("button", { name: "Continue" }).click();
  await rival.waitForURL(/\/summary$/);
  await rival.getByRole("button", { name: "Proceed to pay" }).click();
  await rival.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await (await sandboxModal(rival)).getByRole("button", { name: "Pay", exact: true }).click();
  await rival.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  // The first fan comes back to the checkout they left open and pays anyway.
  await late.clock.resume();
  const modal = await sandboxModal(late);
  await modal.getByRole("button", { name: "Pay", exact: true }).click();
  await late.waitForURL(/\/bookings\/[^/]+$/);
  await late.getByRole("heading", { name: "Booking not completed" }).waitFor();
  await late.getByText("You have not been charged").waitFor();
  await shot(late, "late-payment-not-charged");
  rival.assertNoErrors();
});
