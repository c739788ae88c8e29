import type { AppLoadContext } from "react-router";
import { services, type Services } from "#app/utils/context.server";
import { readForm } from "#app/utils/http.server";
import { validateCsrf } from "./csrf.server";
import { requireUser, type SessionUser } from "./session.server";

type Opening = { request: Request; context: Pick<AppLoadContext, "cloudflare"> };

/**
 * The prologue of every form post anyone may send (log in, sign up, log out): a real form body,
 * then is it our own page (CSRF). Nothing reads the form's fields before both hold.
 */
export async function formAction({ request, context }: Opening): Promise<{ s: Services; form: FormData }> {
  const s = services(context, request);
  const form = await readForm(request);
  await validateCsrf(request, form, s);
  return { s, form };
}

/** The same for a signed-in customer's form; anonymous visitors are sent to log in and come back. */
export async function customerAction(args: Opening): Promise<{ s: Services; form: FormData; user: SessionUser }> {
  const { s, form } = await formAction(args);
  const user = await requireUser(args.request, s);
  return { s, form, user };
}
