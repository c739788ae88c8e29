import type { ActionFunctionArgs } from "react-router";
import { redirect } from "react-router";
import { formAction } from "#app/auth/form-action.server";
import { badRequest, safeRedirectPath } from "#app/utils/http.server";
import { themeCookie } from "#app/theme/theme.server";
import { THEMES, type Theme } from "#app/theme/themes";

export async function loader() {
  throw redirect("/");
}

/** Remembers the theme in a cookie and goes back to the page the switch was pressed on. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const theme = form.get("theme");
  if (typeof theme !== "string" || !(THEMES as readonly string[]).includes(theme)) badRequest("Pick a theme: system, dark or light.");
  throw redirect(safeRedirectPath(form.get("redirectTo"), "/"), { headers: { "Set-Cookie": themeCookie(theme as Theme, s.secureCookies) } });
}

export default function Theme() {
  return null;
}
