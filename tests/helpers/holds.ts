import { localPassToken } from "#app/auth/bot-check.server";
import { getSessionUser } from "#app/auth/session.server";
import { issueAdmission } from "#app/queue/admission.server";
import { testServices } from "./admin";
import type { TestBrowser } from "./browser";

/** A hold through the API, as the seat page's script places it. */
export function postHold(fan: TestBrowser, showtimeId: string, seatIds: string[], headers: Record<string, string> = {}) {
  return fan.fetch(`/api/showtimes/${showtimeId}/holds`, {
    method: "POST",
    body: JSON.stringify({ seatIds }),
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The account behind a browser's session. */
export async function userIdOf(browser: TestBrowser): Promise<string> {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return (await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }), testServices()))!.id;
}

/** Headers that let the fan past an ACTIVE room opened at `opensAt`: an admission and a passed bot check. */
export async function admitted(fan: TestBrowser, showtimeId: string, opensAt: number): Promise<Record<string, string>> {
  const s = testServices();
  const userId = await userIdOf(fan);
  return {
    "X-Admission-Token": await issueAdmission(s, { userId, showtimeId, opensAt, admittedAt: Date.now() }),
    "CF-Turnstile-Response": await localPassToken(s),
  };
}
