import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { resetToken, verificationCode } from "#app/auth/account-tokens.server";
import type { AccountTokenPurpose } from "#app/domain/enums";
import type { TestBrowser } from "./browser";

/** A password the policy accepts (long, not on the common list). */
export const GOOD_PASSWORD = "tangerine-kayak-41";

export function uniqueEmail(prefix = "fan"): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

/**
 * The newest token of a purpose for an email. Signup and "forgot password" issue it after the
 * response (so timing reveals nothing), hence the short poll for the row.
 */
export async function latestTokenId(email: string, purpose: AccountTokenPurpose, { after = 0 } = {}): Promise<string> {
  return vi.waitFor(
    async () => {
      const row = await env.DB.prepare(
        "SELECT t.id FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ? AND t.purpose = ? AND t.created_at > ? ORDER BY t.created_at DESC LIMIT 1",
      )
        .bind(email, purpose, after)
        .first<{ id: string }>();
      if (!row) throw new Error(`no ${purpose} token for ${email} yet`);
      return row.id;
    },
    { timeout: 3000, interval: 20 },
  );
}

/** What the verification email says: the code is derived from the token id and the server secret. */
export async function codeFor(email: string): Promise<string> {
  return verificationCode(env, await latestTokenId(email, "verify_email"));
}

export async function resetTokenFor(email: string, opts: { after?: number } = {}): Promise<string> {
  return resetToken(env, await latestTokenId(email, "password_reset", opts));
}

/** Signs up and enters the mailed code, as a new customer would; returns the verify step's response. */
export async function signUpVerified(
  browser: TestBrowser,
  fields: { name?: string; email?: string; password?: string; phone?: string; redirectTo?: string; hold?: string } = {},
): Promise<Response> {
  const email = fields.email ?? uniqueEmail();
  const { redirectTo, hold, ...rest } = fields;
  const extra = { ...(redirectTo ? { redirectTo } : {}), ...(hold ? { hold } : {}) };
  const signup = await browser.submit("/signup", { name: "Fan", password: GOOD_PASSWORD, ...rest, email, ...extra });
  expect(signup.status).toBe(302);
  const verifyPath = signup.headers.get("Location")!;
  expect(verifyPath).toMatch(/^\/verify-email\?/);
  return browser.submit(verifyPath, { email, code: await codeFor(email), ...extra });
}
