import type { AppLoadContext } from "@remix-run/cloudflare";
import { paymentDeps, type PaymentDeps } from "#app/payments/gateway.server";

/** Payment services for a loader or action: background work rides on the request's waitUntil. */
export function paymentsFor(context: AppLoadContext): Promise<PaymentDeps> {
  const ctx = context.cloudflare.ctx;
  return paymentDeps(context.cloudflare.env, { waitUntil: (promise) => ctx.waitUntil(promise) });
}
