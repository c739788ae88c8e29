import { describe, expect, it } from "vitest";
import { csrfTokenFrom, TestBrowser } from "#tests/helpers/browser";

describe("theme switch", () => {
  it("follows the system until a fan picks one, then remembers it on every page (a plain form post)", async () => {
    const browser = new TestBrowser();
    const first = await (await browser.get("/about")).text();
    expect(first).not.toMatch(/<html[^>]*data-theme=/);
    const set = await browser.submit("/theme", { theme: "dark", redirectTo: "/about" }, { csrf: csrfTokenFrom(first) });
    expect(set.status).toBe(302);
    expect(set.headers.get("Location")).toBe("/about");
    expect(set.headers.getSetCookie().some((c) => /^theme=dark;.*Max-Age=31536000/.test(c))).toBe(true);
    expect(await (await browser.get("/")).text()).toMatch(/<html[^>]*data-theme="dark"/);
    // Back to automatic: the cookie goes.
    const auto = await browser.submit("/theme", { theme: "system", redirectTo: "/" }, { csrf: csrfTokenFrom(first) });
    expect(auto.headers.getSetCookie().some((c) => /^theme=;.*Max-Age=0/.test(c))).toBe(true);
  });

  it("refuses an unknown theme with a 400 and changes nothing, and never redirects off the site", async () => {
    const browser = new TestBrowser();
    const page = await (await browser.get("/about")).text();
    const bad = await browser.submit("/theme", { theme: "neon", redirectTo: "/" }, { csrf: csrfTokenFrom(page) });
    expect(bad.status).toBe(400);
    expect(bad.headers.getSetCookie().some((c) => c.startsWith("theme="))).toBe(false);
    const offsite = await browser.submit("/theme", { theme: "light", redirectTo: "https://evil.example/" }, { csrf: csrfTokenFrom(page) });
    expect(offsite.headers.get("Location")).toBe("/");
  });

  it("links the web manifest and a theme colour from every page", async () => {
    const html = await (await new TestBrowser().get("/")).text();
    expect(html).toContain('rel="manifest" href="/manifest.webmanifest"');
    expect(html).toContain('name="theme-color"');
  });
});
