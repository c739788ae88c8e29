import type { ActionFunctionArgs } from "react-router";
import { z } from "zod";
import { sandboxRoutesOpen } from "#app/payments/config.server";
import { deliverSandboxWebhooks } from "#app/payments/context.server";
import { services } from "#app/utils/context.server";

const bodySchema = z.object({
  key: z.string().max(100),
  order_id: z.string().regex(/^order_[A-Za-z0-9]{6,40}$/),
  outcome: z.enum(["success", "failure"]),
});

/**
 * The sandbox checkout's "Pay" / "Fail": what Razorpay's own servers do between the modal and
 * the page's handler. 404 unless the sandbox is on and the request is local.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  if (!(await sandboxRoutesOpen(request, env))) return new Response("Not found", { status: 404 });
  let body: z.output<typeof bodySchema>;
  try {
    body = bodySchema.parse(await request.json());
  } catch {
    return Response.json({ error: { code: "BAD_REQUEST_ERROR", description: "Invalid checkout request." } }, { status: 400 });
  }
  const s = services(context, request);
  const deps = await s.payments();
  if (!deps.sandbox) return new Response("Not found", { status: 404 });
  const result = await deps.sandbox.checkout({ keyId: body.key, orderId: body.order_id, outcome: body.outcome });
  if (s.config.APP_ENV === "development") deps.waitUntil(deliverSandboxWebhooks(deps));
  return result.ok ? Response.json(result.response) : Response.json({ error: result.error }, { status: result.status });
}

export async function loader({ request, context }: ActionFunctionArgs) {
  if (!(await sandboxRoutesOpen(request, context.cloudflare.env))) return new Response("Not found", { status: 404 });
  return Response.json({ error: { code: "BAD_REQUEST_ERROR", description: "POST only." } }, { status: 405 });
}
