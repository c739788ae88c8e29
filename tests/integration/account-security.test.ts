import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { reserveLoginAttempt, throttleKeys } from "#app/auth/login-throttle.server";
import { LOGIN_POLICY } from "#app/domain/login-policy";
import { csrfTokenFrom, TestBrowser } from "#tests/helpers/browser";
import { codeFor, GOOD_PASSWORD, latestTokenId, resetTokenFor, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { seatsOf } from "#app/seats/gateway.server";
import { accountEmailJob } from "#app/email/job";
import { consumeEmailBatch } from "#app/email/consumer.server";
import type { Mailer } from "#app/email/mailer.server";
import type { RenderedEmail } from "#app/email/render.server";


beforeAll(async () => {
  await seedDemoData();
});

const NEW_PASSWORD = "marigold-tuesday-77";

/** Posts the reset form as the emailed link opens it. */
function submitReset(browser: TestBrowser, token: string, password: string) {
  return browser.submit(`/reset-password?token=${encodeURIComponent(token)}`, { token, password });
}

async function csrfFor(browser: TestBrowser, path: string) {
  return csrfTokenFrom(await (await browser.get(path)).text());
}

async function account(password = GOOD_PASSWORD) {
  const email = uniqueEmail("owner");
  const browser = new TestBrowser();
  expect((await signUpVerified(browser, { email, password })).status).toBe(302);
  return { email, browser };
}

/** A page's text without the per-response script nonce, so two answers can be compared whole. */
async function pageText(res: Response) {
  return (await res.text()).replace(/nonce="[^"]*"/g, 'nonce=""');
}

function userIdOf(email: string) {
  return env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first<string>("id");
}

describe("log-in throttling", () => {
  it("counts each attempt before checking the password: of 25 simultaneous guesses only 5 are checked", async () => {
    const { email } = await account();
    const attacker = new TestBrowser();
    const csrf = await csrfFor(attacker, "/login");
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => attacker.submit("/login", { email, password: `guess-number-${i}` }, { csrf })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_POLICY.accountIp.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - LOGIN_POLICY.accountIp.free);
    for (const r of results.filter((r) => r.status === 429)) expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Even the right password waits now, from this address.
    const right = await attacker.submit("/login", { email, password: GOOD_PASSWORD }, { csrf });
    expect(right.status).toBe(429);
    // 26 tries from one address also pass its allowance of logins of any kind, which says so.
    expect(await right.text()).toMatch(/Too many (failed attempts from here|logins from this address just now)/);
  });

  it("never locks the owner out: a stranger's failures slow down only the stranger's address", async () => {
    const { email } = await account();
    const stranger = new TestBrowser();
    for (let i = 0; i < 8; i++) await stranger.submit("/login", { email, password: `not-it-${i}` });
    expect((await stranger.submit("/login", { email, password: "still-not-it" })).status).toBe(429);
    const owner = new TestBrowser();
    const res = await owner.submit("/login", { email, password: GOOD_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account");
  });

  it("makes each further failure wait twice as long, and a success starts the count over", async () => {
    const { email } = await account();
    const browser = new TestBrowser();
    for (let i = 0; i < 5; i++) expect((await browser.submit("/login", { email, password: `wrong-${i}` })).status).toBe(401);
    const first = await browser.submit("/login", { email, password: "wrong-again" });
    expect(first.status).toBe(429);
    expect(Number(first.headers.get("Retry-After"))).toBe(30);
    // The wait passes (moved in D1 instead of sleeping); the next failure doubles it.
    await env.DB.prepare("UPDATE login_throttle SET next_attempt_at = 0 WHERE account = ?").bind(email).run();
    expect((await browser.submit("/login", { email, password: "wrong-6" })).status).toBe(401);
    const second = await browser.submit("/login", { email, password: "wrong-7" });
    expect(Number(second.headers.get("Retry-After"))).toBe(60);
    await env.DB.prepare("UPDATE login_throttle SET next_attempt_at = 0 WHERE account = ?").bind(email).run();
    expect((await browser.submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM login_throttle WHERE account = ?").bind(email).first<number>("n");
    expect(row).toBe(0);
  });

  it("limits one address across many accounts (credential stuffing), atomically", async () => {
    const keysFor = (i: number) => throttleKeys(`victim-${i}@example.com`, "203.0.113.77");
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveLoginAttempt(env.DB, keysFor(i), Date.now())));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(LOGIN_POLICY.ip.free);
    // Refused attempts gave back what they took on the other key.
    // Both account keys (per address, and the account's own across addresses: ADR 027) hold exactly the attempts that passed.
    const taken = await env.DB.prepare("SELECT COALESCE(SUM(failures), 0) AS n FROM login_throttle WHERE key LIKE 'acct:victim-%|%'").first<number>("n");
    expect(taken).toBe(LOGIN_POLICY.ip.free);
    const accountWide = await env.DB.prepare("SELECT COALESCE(SUM(failures), 0) AS n FROM login_throttle WHERE key LIKE 'acct:victim-%' AND key NOT LIKE '%|%'").first<number>("n");
    expect(accountWide).toBe(LOGIN_POLICY.ip.free);
  });

  it("answers a wrong password, an unknown account and an unverified one alike for a stranger", async () => {
    const { email } = await account();
    const unverified = uniqueEmail("unverified");
    await new TestBrowser().submit("/signup", { name: "Una", email: unverified, password: GOOD_PASSWORD });
    const wrong = await new TestBrowser().submit("/login", { email, password: "not the password" });
    const unknown = await new TestBrowser().submit("/login", { email: uniqueEmail(), password: "whatever123" });
    const wrongUnverified = await new TestBrowser().submit("/login", { email: unverified, password: "not the password" });
    for (const r of [wrong, unknown, wrongUnverified]) {
      expect(r.status).toBe(401);
      expect(await r.text()).toContain("Email or password is incorrect.");
    }
  });
});

describe("email verification", () => {
  async function pending() {
    const email = uniqueEmail("pending");
    const browser = new TestBrowser();
    const res = await browser.submit("/signup", { name: "Pending", email, password: GOOD_PASSWORD });
    return { email, browser, verifyPath: res.headers.get("Location")! };
  }

  it("refuses a wrong code, and after 5 wrong guesses refuses even the right one", async () => {
    const { email, browser, verifyPath } = await pending();
    const code = await codeFor(email);
    const wrongCode = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const res = await browser.submit(verifyPath, { email, code: wrongCode });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("That code isn&#x27;t right");
    }
    expect((await browser.submit(verifyPath, { email, code })).status).toBe(400);
    expect(await env.DB.prepare("SELECT email_verified_at FROM users WHERE email = ?").bind(email).first("email_verified_at")).toBeNull();
  });

  it("counts guesses atomically: 20 simultaneous wrong codes use up exactly 5 attempts", async () => {
    const { email, browser, verifyPath } = await pending();
    const tokenId = await latestTokenId(email, "verify_email");
    const csrf = await csrfFor(browser, verifyPath);
    await Promise.all(Array.from({ length: 20 }, (_, i) => browser.submit(verifyPath, { email, code: String(100000 + i) }, { csrf })));
    expect(await env.DB.prepare("SELECT attempts FROM account_tokens WHERE id = ?").bind(tokenId).first("attempts")).toBeLessThanOrEqual(5);
  });

  it("refuses an expired code and a used one", async () => {
    const { email, browser, verifyPath } = await pending();
    const code = await codeFor(email);
    await env.DB.prepare("UPDATE account_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, await latestTokenId(email, "verify_email")).run();
    expect((await browser.submit(verifyPath, { email, code })).status).toBe(400);

    const other = await pending();
    const otherCode = await codeFor(other.email);
    expect((await other.browser.submit(other.verifyPath, { email: other.email, code: otherCode })).status).toBe(302);
    const replay = await new TestBrowser().submit(other.verifyPath, { email: other.email, code: otherCode });
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith("marquee_session="))).toBe(false);
  });

  it("re-sends a code at most once a minute, the newest code replacing the old", async () => {
    const { email, browser, verifyPath } = await pending();
    const first = await latestTokenId(email, "verify_email");
    const resend = () => browser.submit(verifyPath, { email, intent: "resend" });
    expect((await resend()).status).toBe(200);
    const tokens = () => env.DB.prepare("SELECT COUNT(*) AS n FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ?").bind(email).first<number>("n");
    expect(await tokens()).toBe(1);
    // A minute later (moved in D1), a new code is issued and the old one stops working.
    await env.DB.prepare("UPDATE account_tokens SET created_at = created_at - 61000 WHERE id = ?").bind(first).run();
    const oldCode = await codeFor(email);
    expect((await resend()).status).toBe(200);
    expect(await tokens()).toBe(2);
    expect((await browser.submit(verifyPath, { email, code: oldCode })).status).toBe(400);
    expect((await browser.submit(verifyPath, { email, code: await codeFor(email) })).status).toBe(302);
  });

  it("answers a resend for an unknown address exactly like a real one", async () => {
    const { email, browser, verifyPath } = await pending();
    const real = await browser.submit(verifyPath, { email, intent: "resend" });
    const ghost = await browser.submit(verifyPath, { email: uniqueEmail("ghost"), intent: "resend" });
    expect(real.status).toBe(ghost.status);
    expect(await pageText(real)).toBe(await pageText(ghost));
  });

  it("sends an unverified account that logs in with its password to the code page, with no session", async () => {
    const { email } = await pending();
    const res = await new TestBrowser().submit("/login", { email, password: GOOD_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/verify-email\?email=/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("marquee_session="))).toBe(false);
  });

  it("refuses common and too-short passwords at signup, saying why, and creates nothing", async () => {
    const email = uniqueEmail();
    const common = await new TestBrowser().submit("/signup", { name: "X", email, password: "Password123!" });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain("one of the most common passwords");
    const short = await new TestBrowser().submit("/signup", { name: "X", email, password: "k7#Lq" });
    expect(await short.text()).toContain("Use at least 10 characters");
    expect(await userIdOf(email)).toBeNull();
  });
});

describe("password reset", () => {
  it("gives the same answer for a known and an unknown email", async () => {
    const { email } = await account();
    const browser = new TestBrowser();
    const known = await browser.submit("/forgot-password", { email });
    const unknown = await browser.submit("/forgot-password", { email: uniqueEmail("nobody") });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await pageText(known)).toBe(await pageText(unknown));
  });

  it("sets a new password once, logs out every session, and the old password stops working", async () => {
    const { email, browser: otherDevice } = await account();
    expect((await otherDevice.get("/account")).status).toBe(200);
    const browser = new TestBrowser();
    await browser.submit("/forgot-password", { email });
    const token = await resetTokenFor(email);
    const path = `/reset-password?token=${encodeURIComponent(token)}`;
    const res = await browser.submit(path, { token, password: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect((await browser.get("/account")).status).toBe(200);
    expect((await otherDevice.get("/account")).status).toBe(302);
    // Used once: the same link again changes nothing.
    const again = await new TestBrowser().submit(path, { token, password: "another-fine-phrase-9" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already used");
    expect((await new TestBrowser().submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(401);
    expect((await new TestBrowser().submit("/login", { email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("refuses an expired token, a tampered one, and one replaced by a newer request", async () => {
    const { email } = await account();
    const browser = new TestBrowser();
    await browser.submit("/forgot-password", { email });
    const first = await resetTokenFor(email);
    const tampered = first.slice(0, -3) + (first.endsWith("AAA") ? "BBB" : "AAA");
    expect((await submitReset(browser, tampered, NEW_PASSWORD)).status).toBe(410);
    // A newer request (after the one-minute cool-down, moved in D1) retires the first link.
    const firstId = first.split(".")[0]!;
    await env.DB.prepare("UPDATE account_tokens SET created_at = created_at - 61000 WHERE id = ?").bind(firstId).run();
    await new TestBrowser().submit("/forgot-password", { email });
    const second = await resetTokenFor(email, { after: Date.now() - 30_000 });
    expect(second).not.toBe(first);
    expect((await submitReset(browser, first, NEW_PASSWORD)).status).toBe(410);
    await env.DB.prepare("UPDATE account_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, second.split(".")[0]).run();
    expect((await submitReset(browser, second, NEW_PASSWORD)).status).toBe(410);
    expect((await new TestBrowser().submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
  });

  it("always works for the owner, even from an address a stranger throttled, and refuses a weak new password", async () => {
    const { email } = await account();
    const sharedIp = "198.51.100.23";
    const stranger = new TestBrowser(sharedIp);
    for (let i = 0; i < 6; i++) await stranger.submit("/login", { email, password: `x-guess-${i}` });
    const owner = new TestBrowser(sharedIp);
    expect((await owner.submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(429);
    expect((await owner.submit("/forgot-password", { email })).status).toBe(200);
    const token = await resetTokenFor(email);
    const weak = await submitReset(owner, token, "qwertyuiop");
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("most common passwords");
    expect((await submitReset(owner, token, NEW_PASSWORD)).status).toBe(302);
    expect((await new TestBrowser(sharedIp).submit("/login", { email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("limits reset requests per account with 429 and Retry-After", async () => {
    const { email } = await account();
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await new TestBrowser().submit("/forgot-password", { email });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(limited?.headers.get("Retry-After")).toBe("60");
    // Only one link was issued in the cool-down however often it was asked for.
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM account_tokens WHERE user_id = ? AND purpose = 'password_reset'").bind(await userIdOf(email)).first<number>("n");
    expect(n).toBe(1);
  });
});

describe("account page: change password and log out everywhere", () => {
  it("changes the password with the current one, keeps this session and ends the others", async () => {
    const { email, browser } = await account();
    const other = new TestBrowser();
    expect((await other.submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
    await browser.submit("/forgot-password", { email });
    const pendingReset = await resetTokenFor(email);
    const wrong = await browser.submit("/account", { intent: "change-password", currentPassword: "not-my-password", password: NEW_PASSWORD });
    expect(wrong.status).toBe(401);
    const ok = await browser.submit("/account", { intent: "change-password", currentPassword: GOOD_PASSWORD, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Password changed");
    expect((await browser.get("/account")).status).toBe(200);
    expect((await other.get("/account")).status).toBe(302);
    // A reset link from before the change is dead.
    expect((await submitReset(new TestBrowser(), pendingReset, "yet-another-phrase-3")).status).toBe(410);
  });

  it("logs out every session, this one included", async () => {
    const { email, browser } = await account();
    const other = new TestBrowser();
    await other.submit("/login", { email, password: GOOD_PASSWORD });
    const res = await browser.submit("/account", { intent: "logout-everywhere" });
    expect(res.status).toBe(302);
    expect((await browser.get("/account")).status).toBe(302);
    expect((await other.get("/account")).status).toBe(302);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?").bind(await userIdOf(email)).first<number>("n");
    expect(n).toBe(0);
  });
});

describe("where login leads", () => {
  it("sends operators to the console", async () => {
    const res = await new TestBrowser().submit("/login", { email: "admin@marquee.test", password: "admin-password" });
    expect(res.headers.get("Location")).toBe("/admin");
  });
});

describe("seats picked before logging in", () => {
  async function pickLoggedOut(showtimeId: string, seats: string[]) {
    const browser = new TestBrowser();
    const csrf = await csrfFor(browser, `/showtimes/${showtimeId}`);
    const body = new URLSearchParams({ csrf });
    for (const seat of seats) body.append("seat", seat);
    const res = await browser.fetch(`/showtimes/${showtimeId}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
    });
    expect(res.status).toBe(302);
    const loginPath = res.headers.get("Location")!;
    const params = new URL(loginPath, "http://localhost").searchParams;
    expect(params.get("hold")).toBe(`${showtimeId}:${seats.join(",")}`);
    return { browser, loginPath, hold: params.get("hold")!, redirectTo: params.get("redirectTo")! };
  }

  async function holderOf(showtimeId: string, seatId: string, userId: string) {
    const snapshot = await seatsOf(env, showtimeId).snapshot(userId);
    // The snapshot lists only seats that are not free.
    return snapshot.seats[seatId] ?? "available";
  }

  it("are held right after logging in, and the customer lands on the summary", async () => {
    const { email } = await account();
    const st = await createShowtime();
    const { browser, loginPath, hold, redirectTo } = await pickLoggedOut(st, ["C5", "C6"]);
    expect(await (await browser.get(loginPath)).text()).toContain("we will hold the seats you picked");
    const res = await browser.submit(loginPath, { email, password: GOOD_PASSWORD, hold, redirectTo });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/showtimes/${st}/summary`);
    const userId = (await userIdOf(email))!;
    expect(await holderOf(st, "C5", userId)).toBe("yours");
    expect(await holderOf(st, "C6", userId)).toBe("yours");
  });

  it("are held right after signing up and entering the code", async () => {
    const st = await createShowtime();
    const { browser, hold, redirectTo } = await pickLoggedOut(st, ["D1"]);
    const email = uniqueEmail("newbie");
    const res = await signUpVerified(browser, { email, hold, redirectTo });
    expect(res.headers.get("Location")).toBe(`/showtimes/${st}/summary`);
    expect(await holderOf(st, "D1", (await userIdOf(email))!)).toBe("yours");
  });

  it("says which were taken meanwhile and keeps the others ticked", async () => {
    const { email } = await account();
    const st = await createShowtime();
    const { browser, loginPath, hold, redirectTo } = await pickLoggedOut(st, ["E1", "E2"]);
    expect((await seatsOf(env, st).hold("usr-demo-customer", ["E2"])).ok).toBe(true);
    const res = await browser.submit(loginPath, { email, password: GOOD_PASSWORD, hold, redirectTo });
    const back = res.headers.get("Location")!;
    expect(back).toMatch(new RegExp(`^/showtimes/${st}\\?`));
    const page = await (await browser.get(back)).text();
    expect(page).toContain("E2 was taken by someone else while you logged in");
    expect(page).toMatch(/value="E1"[^>]*checked|checked[^>]*value="E1"/);
    expect(await holderOf(st, "E1", (await userIdOf(email))!)).toBe("available");
  });

  it("ignores a forged hold field it cannot read, and never holds on a GET", async () => {
    const { email } = await account();
    const st = await createShowtime();
    const browser = new TestBrowser();
    const res = await browser.submit(`/login?hold=${st}:E1`, { email, password: GOOD_PASSWORD, hold: "nonsense:<script>" });
    expect(res.headers.get("Location")).toBe("/account");
    await browser.get(`/showtimes/${st}?pick=F1&notice=taken&lost=F2`);
    expect(await holderOf(st, "F1", (await userIdOf(email))!)).toBe("available");
  });
});

describe("account emails through the queue", () => {
  function capture() {
    const sent: { to: string; email: RenderedEmail; key: string }[] = [];
    const mailer: Mailer = {
      transport: "mailbox",
      async send(to, email, key) {
        sent.push({ to, email, key });
        return { ok: true, providerId: `p-${sent.length}` };
      },
    };
    return { sent, mailer };
  }

  function deliver(body: unknown, mailer: Mailer) {
    let acked = false;
    const message = { id: crypto.randomUUID(), timestamp: new Date(), body, attempts: 1, ack: () => (acked = true), retry: () => {} };
    const batch = { queue: "marquee-email", messages: [message], ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
    return consumeEmailBatch(batch, env, { now: Date.now, mailer }).then(() => acked);
  }

  it("mails the code the user types, the reset link, and skips a code already used", async () => {
    const email = uniqueEmail("mail");
    const browser = new TestBrowser();
    const signup = await browser.submit("/signup", { name: "Mira", email, password: GOOD_PASSWORD });
    const userId = (await userIdOf(email))!;
    const tokenId = await latestTokenId(email, "verify_email");
    const { sent, mailer } = capture();
    expect(await deliver(accountEmailJob("verify_email", userId, tokenId), mailer)).toBe(true);
    const code = await codeFor(email);
    expect(sent[0]!.to).toBe(email);
    expect(sent[0]!.email.subject).toBe(`${code} is your Marquee code`);
    expect(sent[0]!.email.text).toContain(code);
    expect(sent[0]!.key).toBe(`verify_email:${tokenId}`);
    expect((await browser.submit(signup.headers.get("Location")!, { email, code })).status).toBe(302);
    // Redelivered after use: nothing is sent.
    expect(await deliver(accountEmailJob("verify_email", userId, tokenId), mailer)).toBe(true);
    expect(sent).toHaveLength(1);

    await new TestBrowser().submit("/forgot-password", { email });
    const resetId = await latestTokenId(email, "password_reset");
    await deliver(accountEmailJob("password_reset", userId, resetId), mailer);
    const token = await resetTokenFor(email);
    expect(sent[1]!.email.text).toContain(`/reset-password?token=${encodeURIComponent(token)}`);
    await deliver(accountEmailJob("password_changed", userId, "evt_1"), mailer);
    expect(sent[2]!.email.subject).toBe("Your Marquee password was changed");
    // The message itself never carries the code or the link.
    expect(JSON.stringify(accountEmailJob("password_reset", userId, resetId))).not.toContain(token.split(".")[1]!);
  });
});
