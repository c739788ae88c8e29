import { classifySendError, backoffSeconds } from "#app/domain/email-delivery";
import { resetToken, TOKEN_RULES, tokenForEmail, verificationCode } from "#app/auth/account-tokens.server";
import type { AccountEmailData } from "./templates/account";
import type { AccountEmailJob } from "./job";
import type { Mailer } from "./mailer.server";
import { renderAccountEmail } from "./render.server";
import { log } from "#app/observability/log.server";

type Ctx = { db: D1Database; secret: string; appOrigin: string; mailer: Mailer | null; now: number };

/** What the email for a job says, or why it should not be sent at all (user gone, token used or expired). */
export async function accountEmailData(job: AccountEmailJob, ctx: Ctx): Promise<{ to: string; data: AccountEmailData } | { skip: string }> {
  const user = await ctx.db.prepare("SELECT email, name FROM users WHERE id = ?").bind(job.userId).first<{ email: string; name: string }>();
  if (!user) return { skip: "user not found" };
  const data: AccountEmailData = { name: user.name, email: user.email, appOrigin: ctx.appOrigin };
  if (job.type === "verify_email" || job.type === "password_reset") {
    const token = await tokenForEmail(ctx.db, job.ref, job.userId, ctx.now);
    // A code that was used, replaced or expired helps nobody: sending it late would only confuse.
    if (!token || token.purpose !== job.type) return { skip: "token no longer usable" };
    data.validMinutes = TOKEN_RULES[token.purpose].ttlMs / 60_000;
    if (job.type === "verify_email") data.code = await verificationCode(ctx.secret, token.id);
    else data.resetUrl = `${ctx.appOrigin}/reset-password?token=${encodeURIComponent(await resetToken(ctx.secret, token.id))}`;
  }
  return { to: user.email, data };
}

/**
 * Account emails are not booking rows in email_log: their idempotency is the provider's key
 * (`${type}:${ref}`; Resend and the local mailbox both drop a repeat), and they are worth sending
 * only while fresh, so a failure retries with backoff and a stale token is skipped.
 */
export async function handleAccountEmail(message: Message<unknown>, job: AccountEmailJob, ctx: Ctx): Promise<void> {
  try {
    const found = await accountEmailData(job, ctx);
    if ("skip" in found) {
      message.ack();
      return;
    }
    if (!ctx.mailer) {
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      return;
    }
    const result = await ctx.mailer.send(found.to, await renderAccountEmail(job.type, found.data), job.idempotencyKey);
    if (result.ok) {
      message.ack();
      return;
    }
    const verdict = classifySendError(result.error, message.attempts, result.retryAfterSeconds);
    if (verdict.kind === "permanent") {
      log.error("account_email.failed", { key: job.idempotencyKey, reason: verdict.reason, outcome: "dropped" });
      message.ack();
    } else message.retry({ delaySeconds: verdict.delaySeconds });
  } catch (error) {
    log.error("account_email.attempt_failed", { key: job.idempotencyKey, attempt: message.attempts, outcome: "retry", error });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}
