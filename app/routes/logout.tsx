import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { services } from "#app/utils/context.server";
import { validateCsrf } from "#app/auth/csrf.server";
import { destroySession } from "#app/auth/session.server";
import { readForm } from "#app/utils/http.server";

/** Logging out changes state, so it is POST-only; a GET just goes home. */
export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const s = services(context, request);
  await validateCsrf(request, await readForm(request), s);
  throw redirect("/", { headers: { "Set-Cookie": await destroySession(request, s) } });
}
