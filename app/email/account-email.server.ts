import { DEFAULT_LOCALE, isLocale } from "#app/i18n/locales";
import { classifySendError, backoffSeconds } from "#app/domain/email-delivery";
import { issuedSecret, TOKEN_RULES, tokenForEmail } from "#app/auth/account-tokens.server";
import { accountThrottled } from "#app/auth/login-throttle.server";
import type { KeyConfig } from "#app/utils/keys.server";
import type { AccountEmailData } from "./templates/account";
import type { AccountEmailJob } from "./job";
import type { Mailer } from "./mailer.server";
import { renderAccountEmail } from "./render.server";
import { log } from "#app/observability/log.server";

type Ctx = { db: D1Database; keys: KeyConfig; appOrigin: string; mailer: Mailer | null; now: number };

/** What the email for a job says, or why it should not be sent at all (user gone, token used or expired). */
export async function accountEmailData(job: AccountEmailJob, ctx: Ctx): Promise<{ to: string; data: AccountEmailData } | { skip: string }> {
  const user = await ctx.db.prepare("SELECT email, name, locale FROM users WHERE id = ?").bind(job.userId).first<{ email: string; name: string; locale: string | null }>();
  if (!user) return { skip: "user not found" };
  const locale = isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
  const data: AccountEmailData = { locale, name: user.name, email: user.email, appOrigin: ctx.appOrigin };
  if (job.type === "verify_email" || job.type === "password_reset" || job.type === "sign_in_link") {
    const token = await tokenForEmail(ctx.db, job.ref, job.userId, ctx.now);
    const purpose = job.type === "sign_in_link" ? "sign_in" : job.type;
    // A code that was used, replaced or expired helps nobody: sending it late would only confuse.
    if (!token || token.purpose !== purpose) return { skip: "token no longer usable" };
    // Issued under a secret no longer accepted (rotated out since): it could never be used.
    const secret = await issuedSecret(ctx.keys, token);
    if (!secret) return { skip: "token issued under a retired secret" };
    data.validMinutes = TOKEN_RULES[token.purpose].ttlMs / 60_000;
    if (job.type === "verify_email") data.code = secret;
    else if (job.type === "sign_in_link") {
      data.signInUrl = `${ctx.appOrigin}/sign-in-link?token=${encodeURIComponent(secret)}`;
      data.locked = await accountThrottled(ctx.db, user.email, ctx.now);
    } else data.resetUrl = `${ctx.appOrigin}/reset-password?token=${encodeURIComponent(secret)}`;
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
