import { deliverSandboxWebhooks, paymentDeps } from "./context.server";
import { reconcilePayments } from "./reconcile.server";
import { log } from "#app/observability/log.server";

/** The Worker's cron: settle stuck payments, and (sandbox only) retry webhooks the app missed. */
export async function runPaymentsCron(env: Env, ctx: Pick<ExecutionContext, "waitUntil">): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const deps = await paymentDeps(env, { waitUntil: (p) => pending.push(p) });
  await deliverSandboxWebhooks(deps);
  const report = await reconcilePayments(deps);
  if (report.examined || report.errors) log.info("payments.reconciliation", { ...report, outcome: report.errors ? "errors" : "ok" });
  ctx.waitUntil(Promise.allSettled(pending));
}
