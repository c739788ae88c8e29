import { redirect } from "react-router";
import type { User } from "#app/db/schema.server";
import { parsePendingHold, resumePendingHold } from "#app/seats/pending-hold.server";
import type { Services } from "#app/utils/context.server";
import { safeRedirectPath } from "#app/utils/http.server";
import { createSession } from "./session.server";
import { homeOf } from "#app/domain/enums";
import { log } from "#app/observability/log.server";
import { reconcileLocaleAtLogin } from "#app/i18n/locale.server";

/** The fields that say where a visitor was going: kept through login, signup, verification and reset. */
export const CONTINUE_FIELDS = ["redirectTo", "hold"] as const;

/** The query string that carries them on to the next page of the journey. */
export function continueQuery(form: FormData | URLSearchParams, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const name of CONTINUE_FIELDS) {
    const value = form.get(name);
    if (typeof value === "string" && value) params.set(name, value);
  }
  return params.toString();
}

/**
 * Starts the session and sends the user on: seats picked before logging in are held now (the
 * summary, or the seat map with a message when some were taken meanwhile), else the page they
 * came from, else the console for staff and the account page for customers.
 */
export async function startSessionAndContinue(s: Services, request: Request, user: { id: string; role: User["role"]; verified: boolean }, form: FormData): Promise<never> {
  const cookie = await createSession(s, user);
  // The language chosen before logging in stays (and is saved on the account), or the account's comes along.
  const langCookie = await reconcileLocaleAtLogin(s, request, user.id);
  const fallback = homeOf(user.role);
  let to = safeRedirectPath(form.get("redirectTo"), fallback);
  const pending = parsePendingHold(form.get("hold"));
  if (pending) {
    try {
      to = (await resumePendingHold(s, request, user.id, pending)) ?? to;
    } catch (error) {
      // The session stands; the seat map lets them try again.
      log.error("login.pending_hold_failed", { userId: user.id, showtimeId: pending.showtimeId, outcome: "seat_map", error });
      to = `/showtimes/${pending.showtimeId}`;
    }
  }
  const headers = new Headers([["Set-Cookie", cookie]]);
  if (langCookie) headers.append("Set-Cookie", langCookie);
  throw redirect(to, { headers });
}
