import type { LoaderFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { getMailboxEmail, htmlWithInlineImages, mailboxEnabled } from "#app/email/mailbox.server";
import { emailHtmlResponse } from "#app/email/preview.server";

/** The HTML part of a received email, for the sandboxed iframe: inline images resolved, nothing else allowed. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) return new Response("Not found.", { status: 404 });
  const id = params.emailId ?? "";
  const email = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await getMailboxEmail(s.db, id) : undefined;
  if (!email?.html) return new Response("No such email.", { status: 404 });
  return emailHtmlResponse(htmlWithInlineImages(email));
}
