import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "#tests/helpers/browser";
import { codeFor, GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { seedDemoData } from "#tests/helpers/seed";

beforeAll(async () => {
  await seedDemoData();
});

async function signUp(browser: TestBrowser, email: string, password = "correct horse battery") {
  return signUpVerified(browser, { name: "Asha Rao", email, password });
}

describe("signup, login, account, logout", () => {
  it("signs up, confirms the emailed code, lands on the account page with no bookings, logs out and back in", async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail();
    const signup = await browser.submit("/signup", { name: "Asha Rao", email, password: "correct horse battery" });
    expect(signup.status).toBe(302);
    // No session until the address is proven.
    expect(signup.headers.getSetCookie().some((c) => c.startsWith("marquee_session="))).toBe(false);
    expect((await browser.get("/account")).status).toBe(302);
    const verifyPage = await browser.get(signup.headers.get("Location")!);
    expect(await verifyPage.text()).toContain("6-digit code");
    const res = await browser.submit(signup.headers.get("Location")!, { email, code: await codeFor(email) });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account");
    const session = res.headers.getSetCookie().find((c) => c.startsWith("marquee_session="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);

    const account = await browser.get("/account");
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain(email);
    expect(html).toContain("No bookings yet");

    const out = await browser.submit("/logout", {}, { csrf: csrfFromCookieJar(browser) });
    expect(out.status).toBe(302);
    // What this browser kept for offline (tickets, public/sw.js) goes with the session.
    expect(out.headers.get("Clear-Site-Data")).toBe('"cache", "storage"');
    const afterLogout = await browser.get("/account");
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");

    const back = await browser.submit("/login", { email, password: "correct horse battery" });
    expect(back.status).toBe(302);
    expect((await browser.get("/account")).status).toBe(200);
  });

  it("stores a PBKDF2 hash with a per-user salt, never the password", async () => {
    const a = uniqueEmail();
    const b = uniqueEmail();
    await signUp(new TestBrowser(), a, "same password 123");
    await signUp(new TestBrowser(), b, "same password 123");
    const rows = await env.DB.prepare("SELECT password_hash FROM users WHERE email IN (?, ?)").bind(a, b).all<{ password_hash: string }>();
    const [h1, h2] = rows.results.map((r) => r.password_hash);
    expect(h1).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain("same password");
  });

  it("answers a registered email exactly like a new one, keeps one account and changes nothing of it", async () => {
    const email = uniqueEmail();
    await signUp(new TestBrowser(), email);
    const before = await env.DB.prepare("SELECT password_hash, name FROM users WHERE email = ?").bind(email).first();
    const again = await new TestBrowser().submit("/signup", { name: "Intruder", email: email.toUpperCase(), password: GOOD_PASSWORD });
    const fresh = await new TestBrowser().submit("/signup", { name: "Newcomer", email: uniqueEmail(), password: GOOD_PASSWORD });
    expect(again.status).toBe(fresh.status);
    expect(again.headers.get("Location")?.replace(/email=[^&]+/, "")).toBe(fresh.headers.get("Location")?.replace(/email=[^&]+/, ""));
    expect(again.headers.getSetCookie().some((c) => c.startsWith("marquee_session="))).toBe(false);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?").bind(email).first<{ n: number }>();
    expect(count?.n).toBe(1);
    expect(await env.DB.prepare("SELECT password_hash, name FROM users WHERE email = ?").bind(email).first()).toEqual(before);
  });

  it("rejects invalid signup input with 400 and field messages", async () => {
    const res = await new TestBrowser().submit("/signup", { name: "", email: "not-an-email", password: "short" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a valid email address");
    expect(html).toContain("Use at least 10 characters");
  });

  it("keeps an optional mobile number in one form, and says when it isn't one", async () => {
    const email = uniqueEmail();
    const ok = await new TestBrowser().submit("/signup", { name: "Ravi", email, phone: "098765 43211", password: GOOD_PASSWORD });
    expect(ok.status).toBe(302);
    expect(await env.DB.prepare("SELECT phone FROM users WHERE email = ?").bind(email).first("phone")).toBe("+919876543211");
    const bad = await new TestBrowser().submit("/signup", { name: "Ravi", email: uniqueEmail(), phone: "call me", password: GOOD_PASSWORD });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter a valid mobile number");
  });

  it("answers a wrong password and an unknown account with the same generic 401", async () => {
    const email = uniqueEmail();
    await signUp(new TestBrowser(), email);
    const wrong = await new TestBrowser("198.51.100.1").submit("/login", { email, password: "not the password" });
    const unknown = await new TestBrowser("198.51.100.2").submit("/login", { email: uniqueEmail(), password: "whatever123" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("Email or password is incorrect.");
    expect(await unknown.text()).toContain("Email or password is incorrect.");
  });

  it("rejects a form without the CSRF token, with a forged token, or from a foreign origin", async () => {
    const email = uniqueEmail();
    const missing = await new TestBrowser().submit("/signup", { name: "X", email, password: "password123" }, { csrf: null });
    expect(missing.status).toBe(403);
    const browser = new TestBrowser();
    await browser.get("/signup");
    const forged = await browser.submit("/signup", { name: "X", email, password: "password123" }, { csrf: "forged-token" });
    expect(forged.status).toBe(403);
    const foreign = await new TestBrowser().submit("/signup", { name: "X", email, password: "password123" }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?").bind(email).first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("treats an expired session as logged out", async () => {
    const browser = new TestBrowser();
    const email = uniqueEmail();
    await signUp(browser, email);
    expect((await browser.get("/account")).status).toBe(200);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)")
      .bind(Date.now() - 1000, email)
      .run();
    const res = await browser.get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("ignores a tampered session cookie", async () => {
    const browser = new TestBrowser();
    await signUp(browser, uniqueEmail());
    const value = browser.cookies.get("marquee_session")!;
    // A character in the middle of the signature: the last one carries padding bits that may not count.
    const at = value.length - 10;
    browser.cookies.set("marquee_session", value.slice(0, at) + (value[at] === "A" ? "Q" : "A") + value.slice(at + 1));
    expect((await browser.get("/account")).status).toBe(302);
  });

  it("only follows local return-to paths after login", async () => {
    const email = uniqueEmail();
    await signUp(new TestBrowser(), email);
    for (const [target, expected] of [
      ["/movies/orbit-zero", "/movies/orbit-zero"],
      ["https://evil.example/phish", "/account"],
      ["//evil.example", "/account"],
      ["/\\evil.example", "/account"],
    ] as const) {
      const res = await new TestBrowser(`10.9.8.${target.length}`).submit("/login", { email, password: "correct horse battery", redirectTo: target });
      expect(res.headers.get("Location")).toBe(expected);
    }
  });

  it("does not log out on GET", async () => {
    const browser = new TestBrowser();
    await signUp(browser, uniqueEmail());
    await browser.get("/logout");
    expect((await browser.get("/account")).status).toBe(200);
  });
});

/** The logout form is in the header of every page; its token is the one in the CSRF cookie. */
function csrfFromCookieJar(browser: TestBrowser): string {
  const signed = decodeURIComponent(browser.cookies.get("marquee_csrf")!);
  return signed.slice(0, signed.lastIndexOf("."));
}
