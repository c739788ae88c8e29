import { backoffSeconds, classifySendError, whyNotSend } from "#app/domain/email-delivery";
import { renderBookingEmail } from "./render.server";
import { getDb } from "#app/utils/db.server";
import { loadBookingEmailData } from "./booking-data.server";
import { accountEmailJobSchema, emailJobSchema, hasValidKey } from "./job";
import { handleAccountEmail } from "./account-email.server";
import { claimEmail, finishEmail, recordDeadLetter } from "./log.server";
import { getConfig } from "#app/utils/env.server";
import type { KeyConfig } from "#app/utils/keys.server";
import { createMailer, type Mailer } from "./mailer.server";

export const EMAIL_QUEUE_NAME = "marquee-email";
export const EMAIL_DLQ_NAME = "marquee-email-dlq";

type Deps = { now: () => number; mailer?: Mailer | null };

/**
 * The `marquee-email` consumer. Every message ends in exactly one of: ack (sent, already sent,
 * permanently failed, skipped, or unusable and recorded) or retry with a growing delay (transient).
 * Nothing is thrown out of here, so one bad message never makes the whole batch redeliver.
 */
export async function consumeEmailBatch(batch: MessageBatch<unknown>, env: Env, deps: Deps = { now: Date.now }): Promise<void> {
  const config = getConfig(env);
  const mailer = deps.mailer === undefined ? createMailer(config) : deps.mailer;
  await Promise.all(batch.messages.map((message) => handleEmailMessage(message, env, config, config.APP_ORIGIN, mailer, deps.now)));
}

async function handleEmailMessage(
  message: Message<unknown>,
  env: Env,
  keys: KeyConfig,
  appOrigin: string,
  mailer: Mailer | null,
  now: () => number,
): Promise<void> {
  const account = accountEmailJobSchema.safeParse(message.body);
  if (account.success && account.data.idempotencyKey === `${account.data.type}:${account.data.ref}`) {
    return handleAccountEmail(message, account.data, { db: env.DB, keys, appOrigin, mailer, now: now() });
  }
  const parsed = emailJobSchema.safeParse(message.body);
  if (!parsed.success || !hasValidKey(parsed.data)) {
    // Retrying cannot fix a malformed body: record it for an operator and let it go.
    const why = parsed.success ? "idempotencyKey does not match type:bookingId" : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    await recordDeadLetter(env.DB, message, `malformed message: ${why}`, now());
    message.ack();
    return;
  }
  const job = parsed.data;
  let claimed = false;
  try {
    const data = await loadBookingEmailData(getDb(env), job.bookingId, appOrigin);
    if (!data) {
      await recordDeadLetter(env.DB, message, `booking ${job.bookingId} not found`, now());
      message.ack();
      return;
    }
    const claim = await claimEmail(env.DB, job, data.customerEmail, now());
    if (!claim.claimed) {
      if (claim.status === "SENDING") message.retry({ delaySeconds: claim.retryInSeconds });
      else message.ack(); // a redelivery or duplicate of an email already dealt with
      return;
    }
    claimed = true;
    const skip = whyNotSend(job.type, data, now());
    if (skip) {
      await finishEmail(env.DB, job.idempotencyKey, { status: "SKIPPED", error: skip }, now());
      message.ack();
      return;
    }
    if (!mailer) {
      await finishEmail(env.DB, job.idempotencyKey, { status: "RETRYING", error: "RESEND_API_KEY is not set" }, now());
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      return;
    }
    const email = await renderBookingEmail(job.type, data, keys);
    const result = await mailer.send(data.customerEmail, email, job.idempotencyKey);
    if (result.ok) {
      await finishEmail(env.DB, job.idempotencyKey, { status: "SENT", providerId: result.providerId }, now());
      message.ack();
      return;
    }
    const verdict = classifySendError(result.error, message.attempts, result.retryAfterSeconds);
    if (verdict.kind === "permanent") {
      await finishEmail(env.DB, job.idempotencyKey, { status: "FAILED", error: verdict.reason }, now());
      message.ack();
    } else {
      await finishEmail(env.DB, job.idempotencyKey, { status: "RETRYING", error: verdict.reason }, now());
      message.retry({ delaySeconds: verdict.delaySeconds });
    }
  } catch (error) {
    // Our own failure (D1 hiccup, a rendering bug): retry with backoff; after max_retries the DLQ keeps it.
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`email ${job.idempotencyKey} attempt ${message.attempts} failed: ${reason}`);
    if (claimed) await finishEmail(env.DB, job.idempotencyKey, { status: "RETRYING", error: reason }, now()).catch(() => {});
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

/**
 * The `marquee-email-dlq` consumer: a message that exhausted its retries is recorded (idempotent by
 * message id) and its email_log row marked FAILED, so an operator sees it and can re-send it.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env, now: () => number = Date.now): Promise<void> {
  for (const message of batch.messages) {
    await recordDeadLetter(env.DB, message, "retries exhausted", now());
    const job = emailJobSchema.safeParse(message.body);
    if (job.success) {
      await env.DB.prepare(
        "UPDATE email_log SET status = 'FAILED', last_error = COALESCE(last_error, '') || ' (gave up: in the dead-letter queue)', updated_at = ? WHERE id = ? AND status IN ('RETRYING', 'SENDING')",
      )
        .bind(now(), job.data.idempotencyKey)
        .run();
    }
    message.ack();
  }
}

/** `queue()` of the Worker: one consumer per queue name. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === EMAIL_DLQ_NAME) return consumeDeadLetters(batch, env);
  if (batch.queue === EMAIL_QUEUE_NAME) return consumeEmailBatch(batch, env);
  console.error(`no consumer for queue ${batch.queue}; retrying ${batch.messages.length} message(s)`);
  batch.retryAll();
}
