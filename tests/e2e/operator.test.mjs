import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { kolkataSlot, launchBrowser, newPage, shot, signUp, ticketTokenFromMailbox } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function logInAsAdmin(page) {
  await page.goto("/login?redirectTo=%2Fadmin");
  await page.getByLabel("Email").fill("admin@marquee.test");
  await page.getByLabel("Password").fill("admin-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/admin$/);
}

test("operator: lay out a screen, schedule a show, customers see it, the live view follows holds, blocks and a sale, the ticket is checked in once", async () => {
  // The show starts within the door's window (60 minutes before), so its ticket can be checked in today.
  const first = kolkataSlot(40 * 60_000);
  const second = kolkataSlot(100 * 60_000);
  const admin = await newPage(browser);
  await logInAsAdmin(admin);
  await admin.getByRole("heading", { name: /Hello, Marquee Admin/ }).waitFor();

  // A new screen at Regal Colaba, laid out with the grid editor.
  await admin.getByRole("navigation", { name: "Operator console" }).getByRole("link", { name: "Cinemas & screens" }).click();
  await admin.getByRole("link", { name: "Regal Colaba" }).click();
  const screenName = `E2E Screen ${Date.now().toString(36)}`;
  await admin.getByLabel("Screen name").fill(screenName);
  await admin.getByLabel("Rows", { exact: true }).fill("5");
  await admin.getByLabel("Seats per row").fill("10");
  await admin.getByRole("button", { name: "Create and edit layout" }).click();
  await admin.waitForURL(/\/admin\/screens\//);
  await admin.getByRole("radio", { name: /Wheelchair space/ }).check();
  await admin.getByRole("button", { name: "Row A, place 1: Seat. Set to Wheelchair space" }).click();
  await admin.getByRole("radio", { name: /Companion seat/ }).check();
  await admin.getByRole("button", { name: "Row A, place 2: Seat. Set to Companion seat" }).click();
  await admin.getByRole("radio", { name: /Missing seat/ }).check();
  await admin.getByRole("button", { name: "Row E, place 4: Seat. Set to Missing seat (keeps its number)" }).click();
  await admin.getByRole("button", { name: "Add category" }).click();
  await admin.getByRole("combobox", { name: "Category of row E" }).selectOption({ label: "Category 2" });
  const preview = admin.getByRole("region", { name: "Customer preview" });
  await preview.getByText("Category 2 · ₹0").waitFor();
  assert.equal(await preview.locator('[data-seat="A1"]').getAttribute("aria-label"), "Row A seat 1, Classic, ₹0, wheelchair seat, available");
  assert.equal(await preview.locator('[data-seat="E4"]').count(), 0, "missing seat is not drawn");
  assert.equal(await preview.locator('[data-seat="E5"]').count(), 1, "numbers after a missing seat keep their plaques");
  await shot(admin, "operator-layout-editor");
  await admin.getByRole("button", { name: "Save layout" }).click();
  await admin.getByText(/Saved\. 49 seats\./).waitFor();
  const screenId = admin.url().match(/\/admin\/screens\/([^?]+)/)[1];

  // Schedule a show on it.
  await admin.goto(`/admin/showtimes/new?screen=${screenId}`);
  await admin.getByLabel("Movie", { exact: true }).selectOption("mov-orbit-zero");
  await admin.getByLabel("Date").fill(first.date);
  await admin.getByLabel("Start time").fill(first.time);
  await admin.getByLabel("Format").selectOption("IMAX");
  // exact: the header's language switch is labelled "Language" too.
  await admin.getByLabel("Language", { exact: true }).selectOption("English");
  await admin.getByLabel("Classic").fill("200");
  await admin.getByLabel("Category 2").fill("350");
  await admin.getByRole("button", { name: "Schedule" }).click();
  await admin.waitForURL(/\/admin\/showtimes\/st-/);
  await admin.getByText("Scheduled. Customers can book it now.").waitFor();
  const showtimeId = admin.url().match(/\/admin\/showtimes\/([^?]+)/)[1];
  await admin.getByText(/^Live/).waitFor();

  // A second show overlapping the first is refused.
  await admin.goto(`/admin/showtimes/new?screen=${screenId}`);
  await admin.getByLabel("Movie", { exact: true }).selectOption("mov-paper-kites");
  await admin.getByLabel("Date").fill(second.date);
  await admin.getByLabel("Start time").fill(second.time);
  await admin.getByLabel("Language", { exact: true }).selectOption("Hindi");
  await admin.getByLabel("Classic").fill("200");
  await admin.getByLabel("Category 2").fill("350");
  await admin.getByRole("button", { name: "Schedule" }).click();
  await admin.getByText(new RegExp(`${screenName} is busy then: Orbit Zero`)).waitFor();

  // The customer side shows the new show with the new layout and prices.
  const fan = await newPage(browser);
  const { email } = await signUp(fan);
  await fan.goto(`/showtimes/${showtimeId}`);
  await fan.getByText("Category 2 · ₹350").waitFor();
  assert.equal(await fan.locator("[data-seat]").count(), 49);
  assert.match(await fan.getByText("IMAX").first().textContent(), /IMAX/);

  // The operator's live view follows a customer's hold without reloading.
  await admin.goto(`/admin/showtimes/${showtimeId}`);
  await admin.getByText(/^Live/).waitFor();
  await fan.getByRole("button", { name: /^Row C seat 5,/ }).click();
  await fan.getByRole("button", { name: "Continue" }).click();
  await fan.waitForURL(/summary/);
  await admin.locator('[data-seat="C5"][data-state="held"]').waitFor();
  await admin.getByText(/1 held/).waitFor();

  // Block a broken seat: the live view and the customer's map both show it.
  await admin.getByLabel("Seats to block or unblock").fill("b7");
  await admin.getByRole("button", { name: "Block seats", exact: true }).click();
  await admin.getByText("Blocked B7.").waitFor();
  await admin.locator('[data-seat="B7"][data-state="blocked"]').waitFor();
  await shot(admin, "operator-live-view");
  await fan.goto(`/showtimes/${showtimeId}`);
  await fan.locator('[data-seat="B7"][data-state="blocked"]').waitFor();

  // The customer pays for C5 in the sandbox: the live view shows it sold.
  await fan.goto(`/showtimes/${showtimeId}/summary`);
  await fan.getByRole("button", { name: "Proceed to pay" }).click();
  await fan.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await fan.getByRole("button", { name: /^Pay ₹/ }).click();
  await fan.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await fan.getByRole("heading", { name: "Booking confirmed" }).waitFor();
  const bookingId = new URL(fan.url()).pathname.split("/").pop();
  await admin.locator('[data-seat="C5"][data-state="sold"]').waitFor();

  // The usher scans the ticket from the customer's email: admitted once, then refused with the time.
  const token = await ticketTokenFromMailbox(admin, email, bookingId);
  await admin.goto("/admin/check-in?cinema=cin-mum-regal");
  await admin.getByLabel("Ticket code").fill(token);
  await admin.getByRole("button", { name: "Check in" }).click();
  await admin.getByText(/Admit 1/).waitFor();
  await shot(admin, "operator-check-in-admit");
  await admin.getByLabel("Ticket code").fill(token);
  await admin.getByRole("button", { name: "Check in" }).click();
  await admin.getByText(/Do not admit: already in at \d{1,2}:\d\d [ap]m IST/).waitFor();

  admin.assertNoErrors();
  fan.assertNoErrors();
});

test("operator: sales, bookings, email problems and door check-in pages work and a bad ticket is refused", async () => {
  const admin = await newPage(browser);
  await logInAsAdmin(admin);
  await admin.goto("/admin/sales");
  await admin.getByRole("link", { name: "Download CSV" }).waitFor();
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Download CSV" }).click()]);
  assert.match(download.suggestedFilename(), /^marquee-sales-\d{4}-\d{2}-\d{2}\.csv$/);
  await shot(admin, "operator-sales");
  await admin.goto("/admin/bookings?q=demo%40marquee.test");
  await admin.getByRole("search", { name: "Bookings" }).waitFor();
  await admin.goto("/admin/emails");
  await admin.getByRole("heading", { name: "Email problems" }).waitFor();
  await admin.goto("/admin/check-in?cinema=cin-mum-regal");
  await admin.getByLabel("Ticket code").fill("MQ1.not-a.ticket");
  await admin.getByRole("button", { name: "Check in" }).click();
  await admin.getByText("Do not admit: not a valid Marquee ticket").waitFor();
  await shot(admin, "operator-check-in");
  admin.assertNoErrors();
});

test("operator console on a phone: no sideways scroll on the page, check-in is usable", async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await logInAsAdmin(page);
  for (const path of ["/admin", "/admin/check-in", "/admin/movies/new"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path}: no horizontal scroll (overflow ${overflow}px)`);
    await shot(page, `operator-phone-${path.split("/").slice(2).join("-") || "home"}`);
  }
});

test("a customer cannot open the console", async () => {
  const fan = await newPage(browser);
  await signUp(fan);
  const res = await fan.goto("/admin/sales");
  assert.equal(res.status(), 403);
  await fan.getByText("This page is for Marquee operators.").waitFor();
});
