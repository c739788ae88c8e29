// On-sale night from the control room (ADR 029): an admin opens a waiting room, watches /admin/live
// while a fan is admitted, holds and pays; then payments fail in the sandbox past the admin's
// threshold and the alert email reaches the on-call address in the local mailbox.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, launchBrowser, logIn, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
let admin;
let queuePath;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  if (admin && queuePath) {
    await admin.goto(queuePath);
    const end = admin.getByRole("button", { name: "End the waiting room" });
    if (await end.count()) await end.click();
  }
  await browser?.close();
});

const figure = async (page, label) => Number((await page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]").first().textContent())?.trim());

test("the control room shows an on-sale move, and a payment failure spike mails on-call once", async () => {
  const fan = await newPage(browser);
  await signUp(fan);
  const seatPath = await openBookableShowtime(fan, { movieIndex: 2, fromDay: 3, last: true });
  const showtimeId = seatPath.split("/").pop();

  admin = await newPage(browser);
  await logIn(admin, { email: "admin@marquee.test", password: "admin-password" });
  queuePath = `/admin/queues/${showtimeId}`;
  await admin.goto(queuePath);
  await admin.getByLabel("On-sale date").fill("2020-01-01");
  await admin.getByLabel("On-sale time").fill("00:00");
  await admin.locator('form:has(button[value="open"]) input[name="rate"]').fill("600");
  await admin.getByRole("button", { name: "Open the waiting room" }).click();
  await admin.getByText("Admission rate").waitFor();

  // Alerts: any payment failure over 1 % once 2 payments were tried, mailed to on-call.
  await admin.getByRole("link", { name: "Control room" }).first().click();
  await admin.waitForURL(/\/admin\/live$/);
  await admin.getByLabel("Payment failure rate over (%) for 5 minutes").fill("1");
  await admin.getByLabel("…once at least this many payments were tried in those 5 minutes").fill("2");
  await admin.getByLabel("On-call emails (comma-separated)").fill("oncall@marquee.test");
  await admin.getByRole("button", { name: "Save alert settings" }).click();
  await admin.getByText("Alert settings saved.").waitFor();

  // The fan queues, is admitted, holds a seat and pays.
  await fan.goto(`/queue/${showtimeId}`);
  await fan.getByRole("button", { name: "Join the queue" }).click();
  await fan.getByText("It's your turn.").waitFor({ timeout: 60_000 });
  await fan.getByRole("link", { name: "Pick your seats" }).click();
  const free = fan.locator('button[data-seat][data-state="available"]');
  await free.first().waitFor();
  await free.first().click();
  await fan.getByRole("button", { name: "Continue" }).click();
  await fan.waitForURL(/\/summary$/);
  await fan.getByRole("button", { name: "Proceed to pay" }).click();
  await fan.waitForURL(/\/bookings\/[^/]+\/pay$/);
  // Two failed attempts in the sandbox, then a good one.
  for (let i = 0; i < 2; i++) {
    await fan.getByRole("button", { name: /^Pay ₹/ }).click();
    const modal = fan.getByRole("dialog");
    await modal.getByRole("button", { name: "Fail", exact: true }).click();
    await modal.getByText(/declined/).waitFor();
    await modal.getByRole("button", { name: "Close" }).click();
    await fan.getByRole("alert").filter({ hasText: "you can try again" }).waitFor();
  }
  await fan.getByRole("button", { name: /^Pay ₹/ }).click();
  await fan.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await fan.getByRole("heading", { name: "Booking confirmed" }).waitFor();

  // The control room refreshes by itself: the room, its admission, the hold and the payments.
  await admin.goto("/admin/live");
  await admin.getByRole("link", { name: new RegExp("·") }).first().waitFor();
  await admin.waitForFunction(() => /Captured\s*[1-9]/i.test(document.body.innerText), null, { timeout: 20_000 });
  assert.ok((await figure(admin, "Admitted")) >= 1);
  assert.ok((await figure(admin, "Failed")) >= 2);
  await shot(admin, "control-room");

  // The alert checks (the cron, run by hand as on-call would) mail on-call once.
  for (let i = 0; i < 2; i++) await fetch(`${BASE_URL}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}`);
  await admin.goto("/dev/mailbox");
  const alerts = admin.getByRole("row").filter({ hasText: "[Marquee alert] Payment failure rate" });
  await alerts.first().waitFor({ timeout: 20_000 });
  assert.equal(await alerts.count(), 1);
});
