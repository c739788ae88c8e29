import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { launchBrowser, newPage, shot } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const d1 = (sql) =>
  execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--json", "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });

/**
 * A confirmed booking written straight into the local D1 (as the payment flow leaves it), so this
 * journey checks the email pipeline on its own: queue → consumer → resend client → local mailbox.
 */
function confirmedBooking() {
  const [{ results }] = JSON.parse(d1("SELECT id FROM showtimes WHERE starts_at > unixepoch() * 1000 AND status = 'SCHEDULED' ORDER BY starts_at LIMIT 1"));
  const showtimeId = results[0].id;
  const id = `bk-e2e-${Date.now().toString(36)}`;
  const now = Date.now();
  d1(
    `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, confirmed_at, updated_at)
     VALUES ('${id}', 'usr-demo-customer', '${showtimeId}', 'hold-${id}', 'CONFIRMED', 36000, 6000, 1080, 43080, 'INR', ${now}, ${now}, ${now});
     INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status)
     VALUES ('${id}', '${showtimeId}', 'C4', 'CLASSIC', 18000, 'PENDING'), ('${id}', '${showtimeId}', 'C5', 'CLASSIC', 18000, 'PENDING');`,
  );
  return id;
}

test("mailbox: a queued confirmation arrives within seconds, with seats and the ticket QR", async () => {
  const bookingId = confirmedBooking();
  const page = await newPage(browser);
  await page.goto("/dev/mailbox");
  const tickets = page.getByRole("row").filter({ hasText: "demo@marquee.test" }).filter({ hasText: "Your tickets" });
  const before = await tickets.count();
  await page.getByLabel("Booking id").fill(bookingId);
  await page.locator("select[name=type]").selectOption("booking_confirmed");
  await page.getByRole("button", { name: "Queue" }).click();
  await page.getByText(`Queued booking_confirmed:${bookingId}`).waitFor();

  const started = Date.now();
  while ((await tickets.count()) === before) {
    assert.ok(Date.now() - started < 15_000, "confirmation arrived within 15 s");
    await page.waitForTimeout(500);
    await page.reload();
  }
  console.log(`confirmation arrived ${Date.now() - started} ms after queuing`);
  await shot(page, "mailbox-list");
  // Newest first: the top row is the email just sent.
  await tickets.first().getByRole("link").click();
  await page.waitForURL(/\/dev\/mailbox\/[\w-]+$/);
  const email = page.frameLocator('iframe[title="HTML part"]');
  await email.getByText("C4, C5").waitFor();
  await email.getByText(bookingId, { exact: true }).waitFor();
  assert.ok(await email.locator('img[alt="Ticket QR code"][src^="data:image/png"]').isVisible(), "QR image shown");
  assert.match(await page.locator("pre").innerText(), new RegExp(`MQ1\\.${bookingId}\\.`));
  await shot(page, "mailbox-email");

  // Queuing the same email again sends nothing new.
  await page.goto("/dev/mailbox");
  await page.getByLabel("Booking id").fill(bookingId);
  await page.getByRole("button", { name: "Queue" }).click();
  await page.getByText(`Queued booking_confirmed:${bookingId}`).waitFor();
  await page.waitForTimeout(3000);
  await page.reload();
  assert.equal(await tickets.count(), before + 1, "no second email");
  page.assertNoErrors();
});
