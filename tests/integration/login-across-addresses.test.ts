import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signInToken } from "#app/auth/account-tokens.server";
import { accountKey } from "#app/auth/login-throttle.server";
import { LOGIN_POLICY } from "#app/domain/login-policy";
import { consumeEmailBatch } from "#app/email/consumer.server";
import { accountEmailJob } from "#app/email/job";
import type { Mailer } from "#app/email/mailer.server";
import type { RenderedEmail } from "#app/email/render.server";
import { TestBrowser } from "#tests/helpers/browser";
import { GOOD_PASSWORD, latestTokenId, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { seedDemoData } from "#tests/helpers/seed";

beforeAll(async () => {
  await seedDemoData();
});

const THRESHOLD = LOGIN_POLICY.account.free;

let n = 0;
/** A fresh address in its own /16, so no per-IP count of another test is shared. */
function address(): string {
  n++;
  return `10.${120 + Math.floor(n / 250)}.${n % 250}.7`;
}

async function owner(): Promise<{ email: string; userId: string }> {
  const email = uniqueEmail("owner");
  expect((await signUpVerified(new TestBrowser(address()), { name: "Owner", email })).status).toBe(302);
  const row = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first<{ id: string }>();
  return { email, userId: row!.id };
}

function capture() {
  const sent: { to: string; email: RenderedEmail }[] = [];
  const mailer: Mailer = {
    transport: "mailbox",
    async send(to, email) {
      sent.push({ to, email });
      return { ok: true, providerId: `p-${sent.length}` };
    },
  };
  return { sent, mailer };
}

async function deliver(body: unknown, mailer: Mailer) {
  const message = { id: crypto.randomUUID(), timestamp: new Date(), body, attempts: 1, ack: () => {}, retry: () => {} };
  const batch = { queue: "marquee-email", messages: [message], ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
  await consumeEmailBatch(batch, env, { now: Date.now, mailer });
}

/** The growing delay's window, moved instead of waited for: the next attempt is due now. */
async function delayPassed(email: string) {
  await env.DB.prepare("UPDATE login_throttle SET next_attempt_at = 0 WHERE key = ?").bind(accountKey(email)).run();
}

async function signInLink(email: string, after = 0): Promise<string> {
  return signInToken({ SESSION_SECRET: env.SESSION_SECRET }, await latestTokenId(email, "sign_in", { after }));
}

describe("failed logins are counted per account across every address", () => {
  it("25 wrong passwords from 25 addresses at once: exactly the threshold are checked, the rest are refused before the password", async () => {
    const { email, userId } = await owner();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => new TestBrowser(address()).submit("/login", { email, password: `guess-${i}-wrong` })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THRESHOLD);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - THRESHOLD);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("This account has had too many wrong passwords");

    // The owner's right password from yet another address waits too: the lock follows the account.
    const ownerBrowser = new TestBrowser(address());
    const blocked = await ownerBrowser.submit("/login", { email, password: GOOD_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("/sign-in-link");

    // The owner is never locked out: the sign-in link mailed to the verified address works, and says a lock was in place.
    const asked = Date.now() - 1;
    const request = await ownerBrowser.submit("/sign-in-link", { email });
    expect(request.status).toBe(200);
    expect(await request.text()).toContain("we&#x27;ve emailed it a link that logs you in");
    const tokenId = await latestTokenId(email, "sign_in", { after: asked });
    const { sent, mailer } = capture();
    await deliver(accountEmailJob("sign_in_link", userId, tokenId), mailer);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(email);
    expect(sent[0]!.email.text).toContain("A lock was in place");
    const token = await signInLink(email, asked);
    expect(sent[0]!.email.text).toContain(`/sign-in-link?token=${encodeURIComponent(token)}`);

    // Opening the link does not log in by itself (mail scanners follow links); the button does.
    const page = await ownerBrowser.get(`/sign-in-link?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect((await ownerBrowser.get("/account")).status).toBe(302);
    const used = await ownerBrowser.submit(`/sign-in-link?token=${encodeURIComponent(token)}`, { intent: "use", token });
    expect(used.status).toBe(302);
    expect((await ownerBrowser.get("/account")).status).toBe(200);
    // Single use.
    expect((await new TestBrowser(address()).submit("/sign-in-link", { intent: "use", token })).status).toBe(410);
    // Using it lifted the lock: the password works again from anywhere.
    expect((await new TestBrowser(address()).submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
  });

  it("past the threshold every attempt waits a growing delay and needs the bot check, from any address", async () => {
    const { email } = await owner();
    for (let i = 0; i < THRESHOLD; i++) expect((await new TestBrowser(address()).submit("/login", { email, password: `wrong-${i}-pw` })).status).toBe(401);
    const row = () => env.DB.prepare("SELECT failures, last_failure_at, next_attempt_at FROM login_throttle WHERE key = ?").bind(accountKey(email)).first<{ failures: number; last_failure_at: number; next_attempt_at: number }>();
    const first = (await row())!;
    expect(first.next_attempt_at - first.last_failure_at).toBe(LOGIN_POLICY.account.baseSeconds * 1000);
    expect((await new TestBrowser(address()).submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(429);

    await delayPassed(email);
    // Without the bot check even the right password is refused, with a sentence saying what to do.
    const bot = await new TestBrowser(address()).submit("/login", { email, password: GOOD_PASSWORD, "cf-turnstile-response": "" });
    expect(bot.status).toBe(403);
    const text = await bot.text();
    expect(text).toContain("needs the check below");
    expect(text).toContain("/sign-in-link");
    // That attempt counted: the delay doubled.
    const second = (await row())!;
    expect(second.next_attempt_at - second.last_failure_at).toBe(2 * LOGIN_POLICY.account.baseSeconds * 1000);

    await delayPassed(email);
    // A wrong password with the check passed is checked (401) and doubles the delay again.
    expect((await new TestBrowser(address()).submit("/login", { email, password: "wrong-again-pw" })).status).toBe(401);
    const third = (await row())!;
    expect(third.next_attempt_at - third.last_failure_at).toBe(4 * LOGIN_POLICY.account.baseSeconds * 1000);

    await delayPassed(email);
    // The owner with the check passed and the right password gets in; the account's count starts over.
    expect((await new TestBrowser(address()).submit("/login", { email, password: GOOD_PASSWORD })).status).toBe(302);
    expect(await row()).toBeNull();
  });

  it("a stranger asking for sign-in links cannot kill the owner's: links never retire each other, and each works once", async () => {
    const { email } = await owner();
    const ownerBrowser = new TestBrowser(address());
    const asked = Date.now() - 1;
    expect((await ownerBrowser.submit("/sign-in-link", { email })).status).toBe(200);
    const ownersLink = await signInLink(email, asked);
    // The stranger's request after the one-minute cool-down (moved, not waited for) issues another link.
    await env.DB.prepare("UPDATE account_tokens SET created_at = created_at - 120000 WHERE purpose = 'sign_in' AND user_id = (SELECT id FROM users WHERE email = ?)").bind(email).run();
    expect((await new TestBrowser(address()).submit("/sign-in-link", { email })).status).toBe(200);
    const strangersLink = await signInLink(email, asked);
    expect(strangersLink).not.toBe(ownersLink);
    expect((await ownerBrowser.submit("/sign-in-link", { intent: "use", token: ownersLink })).status).toBe(302);
    // Unknown addresses hear the same sentence and get nothing.
    const ghost = await new TestBrowser(address()).submit("/sign-in-link", { email: uniqueEmail("ghost") });
    expect(ghost.status).toBe(200);
    expect(await ghost.text()).toContain("we&#x27;ve emailed it a link that logs you in");
  });

  it("a burst of sign-in link requests for one account sends at most one link and is cut off by the per-account limit", async () => {
    const { email, userId } = await owner();
    const answers = await Promise.all(Array.from({ length: 20 }, () => new TestBrowser(address()).submit("/sign-in-link", { email })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    await latestTokenId(email, "sign_in");
    const links = await env.DB.prepare("SELECT COUNT(*) AS n FROM account_tokens WHERE user_id = ? AND purpose = 'sign_in'").bind(userId).first<number>("n");
    expect(links).toBe(1);
  });
});
