import type { Services } from "#app/utils/context.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { randomId, timingSafeEqualText } from "#app/utils/crypto.server";
import { signValue, unsignValue } from "#app/utils/keys.server";
import { isSameOrigin, userError } from "#app/utils/http.server";

/**
 * Signed double-submit CSRF tokens: the cookie carries a token we signed, every state-changing
 * form echoes the token in a hidden field. SameSite=Lax and an Origin check add two more fences.
 */
export const CSRF_COOKIE = "marquee_csrf";
export const CSRF_FIELD = "csrf";

export async function getCsrfToken(request: Request, s: Services): Promise<{ token: string; setCookie?: string }> {
  const raw = readCookie(request, CSRF_COOKIE);
  const existing = raw ? await unsignValue(s.config, "csrf", raw) : null;
  if (existing) return { token: existing };
  const token = randomId(18);
  const setCookie = serializeCookie(CSRF_COOKIE, await signValue(s.config, "csrf", token), {
    secure: s.secureCookies,
  });
  return { token, setCookie };
}

function csrfFailure(): never {
  userError(403, "This form has expired or didn't come from Marquee. Reload the page and try again.");
}

export async function validateCsrf(request: Request, form: FormData, s: Services): Promise<void> {
  if (!isSameOrigin(request)) csrfFailure();
  const raw = readCookie(request, CSRF_COOKIE);
  const expected = raw ? await unsignValue(s.config, "csrf", raw) : null;
  const given = form.get(CSRF_FIELD);
  if (!expected || typeof given !== "string" || !timingSafeEqualText(given, expected)) csrfFailure();
}
