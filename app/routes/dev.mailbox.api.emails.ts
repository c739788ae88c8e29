import type { ActionFunctionArgs } from "react-router";
import { services } from "#app/utils/context.server";
import { mailboxEnabled, receiveEmail, resendError } from "#app/email/mailbox.server";

/** The local mailbox's Resend-compatible endpoint: `new Resend(key, { baseUrl: origin + "/dev/mailbox/api" })`. */
export async function action({ request, context }: ActionFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) return new Response("Not found.", { status: 404 });
  if (request.method !== "POST") return resendError(405, "method_not_allowed", "Method is not allowed.");
  return receiveEmail(s.db, request, s.now, s.config.MAILBOX_RATE_PER_SECOND);
}

export async function loader({ request, context }: ActionFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) return new Response("Not found.", { status: 404 });
  return resendError(405, "method_not_allowed", "Method is not allowed.");
}
