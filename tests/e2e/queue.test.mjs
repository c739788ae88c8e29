// A blockbuster opening: the operator opens a waiting room, a fan waits in line, watches their place
// move, is admitted and buys a seat. Against `npm start` with the local sandboxes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { axe, launchBrowser, newPage, openBookableShowtime, shot, signUp } from "./support.mjs";

let browser;
let admin;
let queuePath;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  // Leave no room behind for the other journeys.
  if (admin && queuePath) {
    await admin.goto(queuePath);
    const end = admin.getByRole("button", { name: "End the waiting room" });
    if (await end.count()) await end.click();
  }
  await browser?.close();
});

async function joinQueue(page, showtimeId) {
  await page.goto(`/queue/${showtimeId}`);
  await page.getByRole("button", { name: "Join the queue" }).click();
  await page.waitForURL(new RegExp(`/queue/${showtimeId}$`));
}

test("a fan waits in the queue, sees their place move, is admitted and buys a seat", async () => {
  const fan = await newPage(browser, { bypassCSP: true });
  await signUp(fan);
  const seatPath = await openBookableShowtime(fan, { movieIndex: 1, fromDay: 2, last: true });
  const showtimeId = seatPath.split("/").pop();

  admin = await newPage(browser);
  await admin.goto("/login");
  await admin.getByLabel("Email").fill("admin@marquee.test");
  await admin.getByLabel("Password").fill("admin-password");
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.waitForURL((url) => !url.pathname.startsWith("/login"));
  queuePath = `/admin/queues/${showtimeId}`;
  await admin.goto(queuePath);
  // Opened in the past, so the line is first come, first served; 6 a minute lets the journey see it move.
  await admin.getByLabel("On-sale date").fill("2020-01-01");
  await admin.getByLabel("On-sale time").fill("00:00");
  await admin.locator('form:has(button[value="open"]) input[name="rate"]').fill("6");
  await admin.getByRole("button", { name: "Open the waiting room" }).click();
  await admin.getByText("Admission rate").waitFor();

  // Without an admission the seat page sends the fan to the queue.
  await fan.goto(seatPath);
  await fan.getByRole("link", { name: "Go to the queue" }).waitFor();
  // No pick before admission (issue 31): the map is shown read-only, with why and the way to the queue.
  assert.equal(await fan.locator('button[data-seat], input[name="seat"]').count(), 0, "no seat can be picked before admission");
  assert.equal(await fan.getByRole("button", { name: "Continue" }).count(), 0);
  await fan.getByTestId("waiting-room-notice").waitFor();

  // Two fans are ahead of ours.
  for (let i = 0; i < 2; i++) {
    const other = await newPage(browser);
    await signUp(other);
    await joinQueue(other, showtimeId);
    await other.close();
  }
  await joinQueue(fan, showtimeId);
  const position = fan.getByTestId("queue-position");
  await position.waitFor();
  const first = Number(await position.textContent());
  assert.ok(first >= 1, `place ${first}`);
  await shot(fan, "queue-waiting");
  await axe(fan, "queue");
  await fan.emulateMedia({ colorScheme: "dark" });
  await axe(fan, "queue (dark)");
  await shot(fan, "queue-waiting-dark");
  await fan.emulateMedia({ colorScheme: "light" });
  if (first > 1) {
    await fan.waitForFunction((prev) => Number(document.querySelector('[data-testid="queue-position"]')?.textContent) < prev, first, { timeout: 60_000 });
  }
  // The page updates by itself: the place moves up, then the turn comes.
  await fan.getByText("It's your turn.").waitFor({ timeout: 90_000 });
  await shot(fan, "queue-admitted");
  await admin.goto(queuePath);
  assert.match(await admin.getByLabel("Queue").textContent(), /Admitted\s*[1-9]/);

  await fan.getByRole("link", { name: "Pick your seats" }).click();
  await fan.waitForURL(new RegExp(`${seatPath}$`));
  assert.equal(await fan.getByRole("link", { name: "Go to the queue" }).count(), 0);
  const free = fan.locator('button[data-seat][data-state="available"]');
  await free.first().waitFor();
  await free.first().click();
  await fan.getByRole("button", { name: "Continue" }).click();
  await fan.waitForURL(/\/summary$/);
  await fan.getByRole("button", { name: "Proceed to pay" }).click();
  await fan.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await fan.getByRole("button", { name: /^Pay ₹/ }).click();
  const modal = fan.getByRole("dialog");
  await modal.waitFor();
  await modal.getByRole("button", { name: "Pay", exact: true }).click();
  await fan.waitForURL(/\/bookings\/[^/]+$/);
  await fan.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  await shot(fan, "queue-bought");
  fan.assertNoErrors?.();
});
