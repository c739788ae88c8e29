import { describe, expect, it } from "vitest";
import { TestBrowser } from "#tests/helpers/browser";

const OFFSITE = [
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/./\\evil.example",
  "/%2e%2e/%5C/evil.example",
  "/\t/evil.example",
  "https://evil.example",
  "//evil.example",
];

function uniqueEmail() {
  return `redir-${crypto.randomUUID()}@example.com`;
}

/** Where a browser on our origin would land after following this Location. */
function landing(res: Response): URL {
  return new URL(res.headers.get("Location")!, "http://localhost");
}

describe("redirectTo never leaves the site", () => {
  it.each(OFFSITE)("signup, login and /login while logged in all stay home for %j", async (redirectTo) => {
    const email = uniqueEmail();
    const browser = new TestBrowser();
    const signup = await browser.submit(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`, {
      name: "Redirect Tester",
      email,
      password: "password-123",
      redirectTo,
    });
    expect(signup.status).toBe(302);
    expect(landing(signup).origin).toBe("http://localhost");
    expect(landing(signup).pathname).toBe("/account");

    const loggedIn = await browser.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(loggedIn.status).toBe(302);
    expect(landing(loggedIn).href).toBe("http://localhost/account");
    const signupAgain = await browser.get(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(landing(signupAgain).href).toBe("http://localhost/account");

    const fresh = new TestBrowser();
    const login = await fresh.submit("/login", { email, password: "password-123", redirectTo });
    expect(login.status).toBe(302);
    expect(landing(login).href).toBe("http://localhost/account");
  });

  it("still takes a customer back to the page that sent them to log in", async () => {
    const email = uniqueEmail();
    await new TestBrowser().submit("/signup", { name: "Back Again", email, password: "password-123" });
    const login = await new TestBrowser().submit("/login", { email, password: "password-123", redirectTo: "/account?tab=past" });
    expect(login.headers.get("Location")).toBe("/account?tab=past");
  });
});
