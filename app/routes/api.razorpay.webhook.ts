import type { ActionFunctionArgs } from "react-router";
import { handleRazorpayWebhook } from "#app/payments/webhook.server";
import { services } from "#app/utils/context.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";

/** Razorpay's webhooks (and the sandbox's): see app/payments/webhook.server.ts. */
export async function action({ request, context }: ActionFunctionArgs) {
  const s = services(context, request);
  // Generous: Razorpay retries a 429 later, so a flood from one address costs only this check.
  const limited = await takeSlots(s.env, [["webhookIp", clientIp(request)]]);
  if (!limited.ok) {
    return Response.json(
      { error: { code: "rate_limited", message: limited.message } },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } },
    );
  }
  return handleRazorpayWebhook(request, await s.payments());
}

export function loader() {
  return Response.json({ error: { code: "method_not_allowed", message: "Webhooks are POSTed." } }, { status: 405, headers: { Allow: "POST" } });
}
