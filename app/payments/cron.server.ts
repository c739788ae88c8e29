import { deliverSandboxWebhooks, paymentDeps } from "./context.server";
import { reconcilePayments } from "./reconcile.server";

/** The Worker's cron: settle stuck payments, and (sandbox only) retry webhooks the app missed. */
export async function runPaymentsCron(env: Env, ctx: Pick<ExecutionContext, "waitUntil">): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const deps = await paymentDeps(env, { waitUntil: (p) => pending.push(p) });
  await deliverSandboxWebhooks(deps);
  const report = await reconcilePayments(deps);
  if (report.examined || report.errors) console.log("payments reconciliation", JSON.stringify(report));
  ctx.waitUntil(Promise.allSettled(pending));
}
