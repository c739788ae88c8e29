import type { ActionFunctionArgs } from "react-router";
import { redirect } from "react-router";
import { destroySession } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";
import { ADMISSION_COOKIE } from "#app/queue/admission.server";
import { clearedPlaceCookies } from "#app/queue/place-pass.server";
import { serializeCookie } from "#app/utils/cookies.server";

/** Logging out changes state, so it is POST-only; a GET just goes home. */
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s } = await formAction({ request, context });
  // The session goes, and with it what this browser carried for the account in a waiting room.
  const cleared = [await destroySession(request, s), serializeCookie(ADMISSION_COOKIE, "", { secure: s.secureCookies, maxAgeSeconds: 0 }), ...clearedPlaceCookies(request, s)];
  // Clear-Site-Data empties what the service worker kept (tickets, ADR 034) and unregisters it.
  throw redirect("/", { headers: [...cleared.map((c): [string, string] => ["Set-Cookie", c]), ["Clear-Site-Data", '"cache", "storage"']] });
}

/** Never shown (a GET is sent home); it makes a refused logout an error page, not bare JSON, for a form without JavaScript. */
export default function Logout() {
  return null;
}
