// Browser journeys for accounts: seats that survive signing up, and a forgotten password.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { awaitMail, completeSignUp, E2E_PASSWORD, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("seats picked logged out → sign up → code from the mailbox → seats held → pay", async () => {
  const page = await newPage(browser);
  await openBookableShowtime(page, { movieIndex: 2, last: true });
  const free = page.locator('button[data-seat][data-state="available"]');
  await free.first().waitFor();
  const picked = [];
  for (let i = 0; i < 2; i++) {
    picked.push(await free.nth(0).getAttribute("data-seat"));
    await free.nth(0).click();
  }
  await page.getByRole("button", { name: "Log in to continue" }).click();
  await page.waitForURL(/\/login\?/);
  await page.getByText("we will hold the seats you picked").waitFor();
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(/\/signup\?/);
  await completeSignUp(page, { name: "Seat Keeper" });
  // Straight to the summary: the seats were held the moment the session started.
  await page.waitForURL(/\/summary$/);
  for (const seat of picked) await page.getByText(seat, { exact: false }).first().waitFor();
  await shot(page, "accounts-held-after-signup");
  await page.getByRole("button", { name: "Proceed to pay" }).click();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  const modal = page.getByRole("dialog");
  await modal.waitFor();
  await modal.getByRole("button", { name: "Pay", exact: true }).click();
  await page.waitForURL(/\/bookings\/[^/]+$/);
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const ticket = await page.getByRole("region", { name: "Ticket" }).textContent();
  for (const seat of picked) assert.ok(ticket.includes(seat), `ticket lists ${seat}`);
  page.assertNoErrors();
});

test("forgot password → link from the mailbox → new password → every old session out → log in", async () => {
  const page = await newPage(browser);
  const { email } = await signUp(page, { name: "Forgetful Fan" });
  const otherDevice = await newPage(browser);
  await otherDevice.goto("/login");
  await otherDevice.getByLabel("Email").fill(email);
  await otherDevice.getByLabel("Password").fill(E2E_PASSWORD);
  await otherDevice.getByRole("button", { name: "Log in" }).click();
  await otherDevice.waitForURL((url) => url.pathname === "/account");

  const visitor = await newPage(browser);
  await visitor.goto("/login");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await visitor.waitForURL(/\/forgot-password$/);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Email me a link" }).click();
  await visitor.getByText("If an account uses this address").waitFor();
  const mail = await awaitMail(visitor, email, /^Reset your Marquee password$/);
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0];
  assert.ok(link, "the email has a reset link");
  await visitor.goto(new URL(link).pathname + new URL(link).search);
  const newPassword = "harbour-lights-e2e-2";
  await visitor.getByLabel(/^New password/).fill("password1234");
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await visitor.getByText("one of the most common passwords").waitFor();
  await visitor.getByLabel(/^New password/).fill(newPassword);
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await visitor.waitForURL((url) => url.pathname === "/account");
  await visitor.getByText("every other device was logged out").waitFor();
  await shot(visitor, "accounts-after-reset");

  // The sessions from before the reset are gone.
  await otherDevice.goto("/account");
  await otherDevice.waitForURL(/\/login\?/);
  await page.goto("/account");
  await page.waitForURL(/\/login\?/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/account");
  await page.getByRole("heading", { level: 1, name: /Hello, Forgetful Fan/ }).waitFor();
  await awaitMail(page, email, /^Your Marquee password was changed$/);
  for (const p of [page, otherDevice, visitor]) p.assertNoErrors();
});
