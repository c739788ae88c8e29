import type { LoaderFunctionArgs } from "react-router";
import { sandboxRoutesOpen } from "#app/payments/config.server";
import { SANDBOX_CHECKOUT_SCRIPT } from "#app/payments/sandbox-checkout-script";

/** The sandbox's checkout.js: 404 unless the sandbox is on and the request is local. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await sandboxRoutesOpen(request, context.cloudflare.env))) return new Response("Not found", { status: 404 });
  return new Response(SANDBOX_CHECKOUT_SCRIPT, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" },
  });
}
