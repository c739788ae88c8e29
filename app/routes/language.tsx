import type { ActionFunctionArgs } from "react-router";
import { redirect } from "react-router";
import { z } from "zod";
import { formAction } from "#app/auth/form-action.server";
import { getSessionUser } from "#app/auth/session.server";
import { localeCookie, saveAccountLocale } from "#app/i18n/locale.server";
import { LOCALES } from "#app/i18n/locales";
import { badRequest, safeRedirectPath } from "#app/utils/http.server";

const switchSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().max(2000).optional() });

/**
 * The header's language switch: a plain form post, so it works before (or without) JavaScript.
 * Remembered in a cookie and, for a logged-in fan, on the account (emails follow it).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const parsed = switchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) badRequest("Pick English, हिन्दी or ಕನ್ನಡ.");
  const user = await getSessionUser(request, s);
  if (user) await saveAccountLocale(s, user.id, parsed.data.locale);
  // The page the fan was on, without a ?hl= that would override the choice just made.
  const back = new URL(safeRedirectPath(parsed.data.redirectTo, "/"), "https://marquee.internal");
  back.searchParams.delete("hl");
  throw redirect(`${back.pathname}${back.search}${back.hash}`, { headers: { "Set-Cookie": localeCookie(parsed.data.locale, s.secureCookies) } });
}

export function loader() {
  throw redirect("/");
}
