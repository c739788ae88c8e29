import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buySeat, kolkataSlot, launchBrowser, logIn, newPage, shot, signUp, ticketTokenFromMailbox } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const ADMIN = { email: "admin@marquee.test", password: "admin-password" };
const DOOR = { email: "door@marquee.test", password: "door-password" };
const MANAGER = { email: "manager@marquee.test", password: "manager-password" };

test("door staff check a ticket in at their cinema, and are refused at another", async () => {
  // A show at Lido starting in half an hour (inside the door's window), on a fresh screen so it overlaps nothing.
  const admin = await newPage(browser);
  await logIn(admin, ADMIN);
  await admin.goto("/admin/cinemas/cin-blr-lido");
  await admin.getByLabel("Screen name").fill(`Door E2E ${Date.now().toString(36)}`);
  await admin.getByLabel("Rows", { exact: true }).fill("3");
  await admin.getByLabel("Seats per row").fill("6");
  await admin.getByRole("button", { name: "Create and edit layout" }).click();
  await admin.waitForURL(/\/admin\/screens\//);
  const screenId = admin.url().match(/\/admin\/screens\/([^?]+)/)[1];
  const slot = kolkataSlot(30 * 60_000);
  await admin.goto(`/admin/showtimes/new?screen=${screenId}`);
  await admin.getByLabel("Movie", { exact: true }).selectOption("mov-paper-kites");
  await admin.getByLabel("Date").fill(slot.date);
  await admin.getByLabel("Start time").fill(slot.time);
  await admin.getByLabel("Format").selectOption("2D");
  await admin.getByLabel("Language", { exact: true }).selectOption("Hindi");
  await admin.getByLabel("Classic").fill("150");
  await admin.getByRole("button", { name: "Schedule" }).click();
  await admin.waitForURL(/\/admin\/showtimes\/st-/);
  const showtimeId = admin.url().match(/\/admin\/showtimes\/([^?]+)/)[1];

  const fan = await newPage(browser);
  const { email } = await signUp(fan);
  const bookingId = await buySeat(fan, showtimeId, /^Row A seat 2,/);
  const token = await ticketTokenFromMailbox(admin, email, bookingId);

  // The door account lands on its one page, already at its one cinema.
  const door = await newPage(browser);
  await logIn(door, { ...DOOR, landing: /\/admin\/check-in/ });
  await door.getByRole("heading", { name: "Door check-in — Lido MG Road" }).waitFor();
  assert.equal(await door.getByRole("navigation", { name: "Operator console" }).getByRole("link").count(), 1, "door staff see only the door");
  await door.getByLabel("Ticket code").fill(token);
  await door.getByRole("button", { name: "Check in" }).click();
  const result = door.getByTestId("check-in-result");
  await result.getByText("Admit 1: A2").waitFor();
  const words = await result.innerText();
  for (const part of ["Lido MG Road", "Paper Kites", "IST", "Seats A2"]) assert.ok(words.includes(part), `the result names ${part}`);
  await shot(door, "door-admit");
  await door.getByLabel("Ticket code").fill(token);
  await door.getByRole("button", { name: "Check in" }).click();
  await result.getByText(/Do not admit: already in at \d{1,2}:\d\d [ap]m IST/).waitFor();

  // Another cinema's door is not theirs to stand at.
  const other = await door.goto("/admin/check-in?cinema=cin-mum-regal");
  assert.equal(other.status(), 404);
  // And at another cinema's door this ticket is refused, naming the right cinema.
  await admin.goto("/admin/check-in?cinema=cin-mum-regal");
  await admin.getByLabel("Ticket code").fill(token);
  await admin.getByRole("button", { name: "Check in" }).click();
  await admin.getByTestId("check-in-result").getByText("Do not admit: wrong cinema — this ticket is for Lido MG Road").waitFor();
  await shot(admin, "door-wrong-cinema");

  // The customer's page now says the ticket was used, and offers no cancellation.
  await fan.goto(`/bookings/${bookingId}`);
  await fan.getByRole("heading", { name: "Checked in" }).waitFor();
  assert.equal(await fan.getByRole("button", { name: "Cancel booking" }).count(), 0);
  for (const page of [admin, door, fan]) page.assertNoErrors();
});

test("a cinema manager's dashboard shows only their cinemas, on a desktop and a phone", async () => {
  for (const [name, opts] of [
    ["desktop", {}],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const page = await newPage(browser, opts);
    await logIn(page, MANAGER);
    await page.goto("/admin/dashboard?range=7");
    await page.getByTestId("dashboard-scope").getByText("Your cinemas: Lido MG Road, Orion Rajajinagar").waitFor();
    const cinemaChoices = await page.getByLabel("Cinema").locator("option").allInnerTexts();
    assert.deepEqual(cinemaChoices, ["All my cinemas", "Lido MG Road", "Orion Rajajinagar"]);
    assert.equal(await page.getByText("Regal Colaba").count(), 0, "no other cinema anywhere on the page");
    await page.getByRole("img", { name: /Revenue per day — by sale date/ }).waitFor();
    await page.getByRole("table", { name: /Revenue per day, by sale date/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll on the ${name} (overflow ${overflow}px)`);
    await shot(page, `dashboard-${name}`);
    const refused = await page.goto("/admin/dashboard?cinema=cin-mum-regal");
    assert.equal(refused.status(), 404);
    page.assertNoErrors();
  }
});
