import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { destroySession } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";

/** Logging out changes state, so it is POST-only; a GET just goes home. */
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s } = await formAction({ request, context });
  throw redirect("/", { headers: { "Set-Cookie": await destroySession(request, s) } });
}

/** Never shown (a GET is sent home); it makes a refused logout an error page, not bare JSON, for a form without JavaScript. */
export default function Logout() {
  return null;
}
