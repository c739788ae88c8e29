import { describe, expect, it } from "vitest";
import { GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
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

/** Where a browser on our origin would land after following this Location. */
function landing(res: Response): URL {
  return new URL(res.headers.get("Location")!, "http://localhost");
}

describe("redirectTo never leaves the site", () => {
  it.each(OFFSITE)("signup, login and /login while logged in all stay home for %j", async (redirectTo) => {
    const email = uniqueEmail("redir");
    const browser = new TestBrowser();
    const verified = await signUpVerified(browser, { name: "Redirect Tester", email, redirectTo });
    expect(verified.status).toBe(302);
    expect(landing(verified).origin).toBe("http://localhost");
    expect(landing(verified).pathname).toBe("/account");

    const loggedIn = await browser.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(loggedIn.status).toBe(302);
    expect(landing(loggedIn).href).toBe("http://localhost/account");
    const signupAgain = await browser.get(`/signup?redirectTo=${encodeURIComponent(redirectTo)}`);
    expect(landing(signupAgain).href).toBe("http://localhost/account");

    const login = await new TestBrowser().submit("/login", { email, password: GOOD_PASSWORD, redirectTo });
    expect(login.status).toBe(302);
    expect(landing(login).href).toBe("http://localhost/account");
  });

  it("still takes a customer back to the page that sent them to log in", async () => {
    const email = uniqueEmail("back");
    await signUpVerified(new TestBrowser(), { name: "Back Again", email });
    const login = await new TestBrowser().submit("/login", { email, password: GOOD_PASSWORD, redirectTo: "/account?tab=past" });
    expect(login.headers.get("Location")).toBe("/account?tab=past");
  });
});
