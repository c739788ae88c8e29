// Issue 28: a fan buys a ticket in Hindi and reads the confirmation in Hindi; another buys and
// cancels in Kannada; phone screenshots (390×844) of home, seat map, summary and ticket in each language.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { awaitMail, launchBrowser, newPage, shot, signUp } from "./support.mjs";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// What each language calls the steps of the journey, as a fan reads them.
const WORDS = {
  en: { name: "English", screen: "Screen this way", continue: "Continue", pay: "Proceed to pay", confirmed: "Booking confirmed", mail: /^Your tickets: /, mailBody: "here is your ticket" },
  hi: { name: "हिन्दी", screen: "परदा इस तरफ़ है", continue: "आगे बढ़ें", pay: "भुगतान करें", confirmed: "बुकिंग पक्की हो गई", mail: /^आपके टिकट: /, mailBody: "यह रहा आपका टिकट" },
  kn: { name: "ಕನ್ನಡ", screen: "ಪರದೆ ಈ ಕಡೆ", continue: "ಮುಂದುವರಿಸಿ", pay: "ಪಾವತಿಗೆ ಮುಂದುವರಿಸಿ", confirmed: "ಬುಕಿಂಗ್ ಖಚಿತವಾಗಿದೆ", mail: /^ನಿಮ್ಮ ಟಿಕೆಟ್‌ಗಳು: /, mailBody: "ಇದೋ ನಿಮ್ಮ ಟಿಕೆಟ್" },
};

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Nothing on the page is wider than the phone: long Hindi and Kannada words wrap instead. */
async function assertNoSidewaysScroll(page, where) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where}: the page scrolls sideways by ${overflow}px`);
}

/** Signs up, picks the language in the header, buys two seats; returns the page on the ticket and the fan's email. */
async function buyIn(lang, movieIndex) {
  const w = WORDS[lang];
  const page = await newPage(browser, PHONE);
  const { email } = await signUp(page);
  // The header switch, as a fan uses it (choosing submits once scripts run): the page comes back in the chosen language.
  await page.waitForLoadState("networkidle");
  await page.getByTestId("language-switch").locator("select").selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === (l === "en" ? "en-IN" : l), lang);

  await page.goto("/?city=mumbai");
  await page.getByRole("list").first().waitFor();
  await assertNoSidewaysScroll(page, `${lang} home`);
  await shot(page, `lang-${lang}-home`);

  await page.locator('a[href^="/movies/"]').nth(movieIndex).click();
  await page.waitForURL(/\/movies\//);
  // Each day of the date strip from tomorrow on, until one lists a bookable show (the heading is in the fan's language).
  const days = await page.getByRole("navigation").filter({ has: page.locator('a[href*="date="]') }).first().locator("a").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  for (const href of days.slice(1)) {
    await page.goto(href);
    await page.locator("#showtimes-heading").waitFor();
    if ((await page.locator('a[href^="/showtimes/"]').count()) > 0) break;
  }
  await page.locator('a[href^="/showtimes/"]').first().click();
  await page.waitForURL(/\/showtimes\/[^/]+$/);
  await page.getByText(w.screen).first().waitFor();
  const seats = page.locator('button[data-seat][data-state="available"]');
  await seats.first().waitFor();
  const ids = await seats.evaluateAll((els) => els.slice(-2).map((e) => e.dataset.seat));
  for (const id of ids) await page.locator(`button[data-seat="${id}"]`).click();
  await assertNoSidewaysScroll(page, `${lang} seat map`);
  await shot(page, `lang-${lang}-seat-map`);

  await page.getByRole("button", { name: w.continue, exact: true }).click();
  await page.waitForURL(/\/summary$/);
  await assertNoSidewaysScroll(page, `${lang} summary`);
  await shot(page, `lang-${lang}-summary`);

  await page.getByRole("button", { name: w.pay, exact: true }).click();
  await page.waitForURL(/\/bookings\/[^/]+\/pay$/);
  await page.getByRole("button", { name: /₹/ }).click();
  // The local stand-in for Razorpay's checkout (Razorpay localises its own).
  await page.getByRole("dialog").getByRole("button", { name: "Pay", exact: true }).click();
  await page.getByRole("heading", { name: w.confirmed }).waitFor();
  await assertNoSidewaysScroll(page, `${lang} ticket`);
  await shot(page, `lang-${lang}-ticket`);

  const mail = await awaitMail(page, email, w.mail);
  assert.ok(mail.text.includes(w.mailBody), `the confirmation email is in ${w.name}`);
  return { page, email };
}

test("a ticket bought entirely in Hindi, with the confirmation email in Hindi", async () => {
  const { page } = await buyIn("hi", 0);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "hi");
  const ticket = await page.locator("[data-print-ticket]").innerText();
  assert.match(ticket, /सिनेमाघर/);
  assert.match(ticket, /सीटें/);
  page.assertNoErrors();
});

test("a ticket bought and cancelled in Kannada, with the cancellation email in Kannada", async () => {
  const { page, email } = await buyIn("kn", 1);
  await page.getByText("ಬುಕಿಂಗ್ ರದ್ದುಮಾಡಿ…").click();
  await page.getByTestId("cancel-confirm").getByRole("button", { name: /^ಹೌದು, ರದ್ದುಮಾಡಿ/ }).click();
  await page.getByRole("heading", { name: "ಬುಕಿಂಗ್ ರದ್ದಾಗಿದೆ" }).waitFor();
  await page.getByText("ನೀವು ಈ ಬುಕಿಂಗ್ ರದ್ದುಮಾಡಿದ್ದೀರಿ.").waitFor();
  const mail = await awaitMail(page, email, /^ಬುಕಿಂಗ್ ರದ್ದಾಗಿದೆ: /);
  assert.ok(mail.text.includes("ಮರುಪಾವತಿ"), "the cancellation email is in Kannada");
  page.assertNoErrors();
});

test("the same journey in English, for the screenshots beside the other two", async () => {
  const { page } = await buyIn("en", 2);
  page.assertNoErrors();
});
