import type { LoaderFunctionArgs } from "react-router";
import { EMAIL_TYPES, type EmailType } from "#app/domain/enums";
import { services } from "#app/utils/context.server";
import { mailboxEnabled } from "#app/email/mailbox.server";
import { emailHtmlResponse, renderPreview } from "#app/email/preview.server";

/** Each template rendered with a sample booking: /dev/mailbox/preview/booking_confirmed (?format=text). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) return new Response("Not found.", { status: 404 });
  const type = EMAIL_TYPES.find((t): t is EmailType => t === params.type);
  if (!type) return new Response(`No such template. Try one of: ${EMAIL_TYPES.join(", ")}.`, { status: 404 });
  const email = await renderPreview(type, s.config);
  if (new URL(request.url).searchParams.get("format") === "text") {
    return new Response(`Subject: ${email.subject}\n\n${email.text}`, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return emailHtmlResponse(email.html);
}
