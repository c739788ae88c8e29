import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { handleRazorpayWebhook } from "#app/payments/webhook.server";
import { services } from "#app/utils/context.server";

/** Razorpay's webhooks (and the sandbox's): see app/payments/webhook.server.ts. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleRazorpayWebhook(request, await services(context, request).payments());
}

export function loader() {
  return Response.json({ error: { code: "method_not_allowed", message: "Webhooks are POSTed." } }, { status: 405, headers: { Allow: "POST" } });
}
