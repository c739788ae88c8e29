import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emailJob, type EmailJob } from "#app/email/job";
import { csrfTokenFrom, TestBrowser } from "#tests/helpers/browser";
import { insertBooking } from "#tests/helpers/bookings";
import { mockResend, resendOk } from "#tests/helpers/resend-mock";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { worker } from "#tests/helpers/worker";

// Issue 28: the page's language is the fan's choice, else Accept-Language, else English; emails
// follow the account's language, also when the queue sends them later.

beforeAll(async () => {
  await seedDemoData();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function htmlLang(html: string): string | null {
  return /<html lang="([^"]+)"/.exec(html)?.[1] ?? null;
}

async function home(browser: TestBrowser, acceptLanguage?: string) {
  const res = await browser.fetch("/", acceptLanguage ? { headers: { "Accept-Language": acceptLanguage } } : {});
  expect(res.status).toBe(200);
  return { res, html: await res.text() };
}

describe("the page's language", () => {
  it("is Hindi for a browser that asks for hi-IN, with lang=\"hi\" and the header saying so", async () => {
    const { res, html } = await home(new TestBrowser(), "hi-IN,hi;q=0.9,en;q=0.8");
    expect(htmlLang(html)).toBe("hi");
    expect(html).toContain('dir="ltr"');
    expect(html).toContain("में अभी चल रही फ़िल्में");
    expect(html).not.toContain("Now showing in");
    expect(res.headers.get("Content-Language")).toBe("hi");
    expect(res.headers.get("Vary")).toMatch(/Accept-Language/);
  });

  it("is Kannada for kn-IN, and English when the browser asks for neither", async () => {
    const kn = await home(new TestBrowser(), "kn-IN");
    expect(htmlLang(kn.html)).toBe("kn");
    expect(kn.html).toContain("ಈಗ ಪ್ರದರ್ಶನದಲ್ಲಿ");
    const en = await home(new TestBrowser(), "fr-FR");
    expect(htmlLang(en.html)).toBe("en-IN");
    expect(en.html).toContain("Now showing in");
  });

  it("has one URL per language for search engines: ?hl= and alternate links", async () => {
    const browser = new TestBrowser();
    const res = await browser.fetch("/?hl=kn", { headers: { "Accept-Language": "hi-IN" } });
    const html = await res.text();
    expect(htmlLang(html)).toBe("kn");
    expect(html).toMatch(/<link rel="alternate" hrefLang="hi" href="[^"]*\/\?hl=hi"/i);
    expect(html).toMatch(/<link rel="alternate" hrefLang="x-default" href="[^"?]*\/"/i);
  });

  it("follows the header switch over Accept-Language, and the switch survives logging in", async () => {
    const browser = new TestBrowser();
    const { html } = await home(browser, "hi-IN");
    // The header's switch: a plain form post, as a browser without JS sends it.
    const switched = await browser.submit("/language", { locale: "kn", redirectTo: "/?city=bengaluru" }, { csrf: csrfTokenFrom(html) });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("Location")).toBe("/?city=bengaluru");
    expect(htmlLang((await home(browser, "hi-IN")).html)).toBe("kn");

    const login = await browser.submit("/login", { email: "demo@marquee.test", password: "demo-password" });
    expect(login.status).toBe(302);
    const after = await home(browser, "hi-IN");
    expect(htmlLang(after.html)).toBe("kn");
    expect(after.html).toContain("ಲಾಗ್ ಔಟ್");
    // Saved on the account: a new browser that logs in gets it too, whatever it asks for.
    const row = await env.DB.prepare("SELECT locale FROM users WHERE email = ?").bind("demo@marquee.test").first<{ locale: string }>();
    expect(row?.locale).toBe("kn");
    const other = new TestBrowser();
    expect((await other.submit("/login", { email: "demo@marquee.test", password: "demo-password" })).status).toBe(302);
    expect(htmlLang((await home(other, "hi-IN")).html)).toBe("kn");
  });

  it("words the account pages in the fan's language: log in, sign up, forgotten password", async () => {
    for (const [path, words] of [["/login", "पासवर्ड भूल गए?"], ["/signup", "अपना अकाउंट बनाएँ"], ["/forgot-password", "मुझे लिंक ईमेल करें"]] as const) {
      const html = await (await new TestBrowser().fetch(path, { headers: { "Accept-Language": "hi-IN" } })).text();
      expect(html.split("<script")[0], path).toContain(words);
    }
  });

  it("words form errors, the sign-in-link page and a film page's dates and availability in the fan's language", async () => {
    const signup = await new TestBrowser().submit("/signup?hl=hi", { name: "Asha", email: "not-an-email", password: "short" });
    expect(signup.status).toBe(400);
    const errors = (await signup.text()).split("<script")[0];
    expect(errors).toContain("सही ईमेल पता डालें");
    expect(errors).toContain("कम से कम 10 अक्षर रखें।");
    const link = await (await new TestBrowser().fetch("/sign-in-link", { headers: { "Accept-Language": "kn" } })).text();
    expect(link.split("<script")[0]).toContain("ಲಿಂಕ್ ಮೂಲಕ ಲಾಗ್ ಇನ್ ಮಾಡಿ");
    const movie = (await (await new TestBrowser().fetch("/movies/monsoon-express", { headers: { "Accept-Language": "hi" } })).text()).split("<script")[0];
    expect(movie).toContain('aria-label="तारीख़ें"');
    expect(movie).toContain("तक की उपलब्धता");
    const privacy = (await (await new TestBrowser().fetch("/privacy", { headers: { "Accept-Language": "hi" } })).text()).split("<script")[0];
    expect(privacy).toContain("<title>गोपनीयता नीति — Marquee</title>");
    expect(privacy).toContain("कोई विज्ञापन या ट्रैकिंग कुकी नहीं है।");
    const contact = (await (await new TestBrowser().fetch("/contact", { headers: { "Accept-Language": "kn" } })).text()).split("<script")[0];
    expect(contact).toMatch(/<a [^>]*href="mailto:support@marquee.example">support@marquee.example<\/a> ಗೆ ಬರೆಯಿರಿ./);
  });

  it("refuses a language Marquee does not speak with a 400 and changes nothing", async () => {
    const browser = new TestBrowser();
    const { html } = await home(browser);
    const res = await browser.submit("/language", { locale: "xx" }, { csrf: csrfTokenFrom(html) });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("marquee_lang="))).toBe(false);
  });

  it("shows the seat map, its legend and its screen-reader labels in Hindi", async () => {
    const showtimeId = await createShowtime();
    const res = await new TestBrowser().fetch(`/showtimes/${showtimeId}`, { headers: { "Accept-Language": "hi" } });
    const html = await res.text();
    expect(html).toContain("अपनी सीटें चुनें");
    expect(html).toContain("आपकी सीटें");
    expect(html).toContain("परदा इस तरफ़ है");
    expect(html).toMatch(/aria-label="पंक्ति [A-Z], सीट \d+, [^"]*₹[^"]*, उपलब्ध"/);
    // The same map in English is not served from the Hindi page's cached markup.
    const en = await (await new TestBrowser().fetch(`/showtimes/${showtimeId}`, { headers: { "Accept-Language": "en" } })).text();
    expect(en).toContain("Screen this way");
    expect(en).not.toContain("परदा");
  });
});

describe("films by their names in each language", () => {
  it("lists a film under its Hindi title on the Hindi home page", async () => {
    const { html } = await home(new TestBrowser(), "hi-IN");
    expect(html.split("<script")[0]).toContain("मानसून एक्सप्रेस");
  });

  it("finds a film by its Hindi or Kannada name, and names it in the fan's language", async () => {
    const search = async (q: string, lang: string) =>
      (await (await new TestBrowser().fetch(`/api/search?q=${encodeURIComponent(q)}`, { headers: { "Accept-Language": lang } })).json()) as { results: { slug: string; title: string }[] };
    expect((await search("मानसून", "hi")).results).toContainEqual(expect.objectContaining({ slug: "monsoon-express", title: "मानसून एक्सप्रेस" }));
    expect((await search("ಕಾವೇರಿ", "kn")).results[0]).toMatchObject({ slug: "kaveri-nights", title: "ಕಾವೇರಿ ರಾತ್ರಿಗಳು" });
    // The search page too, without JavaScript.
    const page = await (await new TestBrowser().fetch(`/search?q=${encodeURIComponent("ಕಾವೇರಿ")}`, { headers: { "Accept-Language": "kn" } })).text();
    expect(page).toContain("“ಕಾವೇರಿ” ಫಲಿತಾಂಶಗಳು");
    expect(page).toContain("ಕಾವೇರಿ ರಾತ್ರಿಗಳು");
    // The English name still finds it, shown in the fan's language.
    expect((await search("kaveri", "kn")).results[0]).toMatchObject({ slug: "kaveri-nights", title: "ಕಾವೇರಿ ರಾತ್ರಿಗಳು" });
  });
});

let msgN = 0;
async function deliver(job: EmailJob) {
  const id = `lang-msg-${++msgN}`;
  const batch = createMessageBatch("marquee-email", [{ id, timestamp: new Date(), attempts: 1, body: job }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, RESEND_API_KEY: "re_test_key" } as Env);
  const result = await getQueueResult(batch, ctx);
  expect(result.explicitAcks).toContain(id);
}

describe("emails in the account's language", () => {
  it("sends the confirmation from the queue in Hindi to an account that chose Hindi", async () => {
    await env.DB.prepare("UPDATE users SET locale = 'hi' WHERE id = 'usr-demo-customer'").run();
    const bookingId = await insertBooking({ showtimeId: await createShowtime(), userId: "usr-demo-customer", seats: [{ seatId: "K7", category: "PRIME", pricePaise: 120000 }] });
    const resend = mockResend(() => resendOk());
    await deliver(emailJob("booking_confirmed", bookingId));
    const mail = resend.sent[0]!.body;
    expect(mail.subject).toMatch(/^आपके टिकट: /);
    expect(mail.text).toContain("आपकी बुकिंग पक्की हो गई है");
    expect(mail.text).toContain("₹1,270.80");
    expect(mail.html).toContain('lang="hi"');
    // The calendar file stays machine-readable.
    const ics = atob(mail.attachments!.find((a) => a.content_type?.startsWith("text/calendar"))!.content);
    expect(ics).toMatch(/DTSTART;TZID=Asia\/Kolkata:\d{8}T\d{6}/);
  });

  it("sends a cancellation in Kannada to an account that chose Kannada", async () => {
    await env.DB.prepare("UPDATE users SET locale = 'kn' WHERE id = 'usr-demo-customer'").run();
    const bookingId = await insertBooking({ showtimeId: await createShowtime(), userId: "usr-demo-customer", status: "CANCELLED", refundPaise: 25000 });
    const resend = mockResend(() => resendOk());
    await deliver(emailJob("booking_cancelled", bookingId));
    const mail = resend.sent[0]!.body;
    expect(mail.subject).toMatch(/^ಬುಕಿಂಗ್ ರದ್ದಾಗಿದೆ: /);
    expect(mail.text).toContain("ನಿಮ್ಮ ಬುಕಿಂಗ್ ರದ್ದಾಗಿದೆ");
    expect(mail.text).toContain("ಮರುಪಾವತಿ");
  });
});
