import { Resend } from "resend";
import type { RenderedEmail } from "./render.server";
import { parseRetryAfter, type ProviderError } from "#app/domain/email-delivery";
import type { AppConfig } from "#app/utils/env.server";
import { MAILBOX_API_PATH } from "./mailbox-api";

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; error: ProviderError; retryAfterSeconds: number | null };

export type BatchItem = { to: string; email: RenderedEmail };

/** All or nothing (Resend's strict batch validation): one provider id per item, in order. */
export type BatchResult = { ok: true; providerIds: string[] } | { ok: false; error: ProviderError; retryAfterSeconds: number | null };

export type Mailer = {
  /** "resend" or "mailbox": which transport, for the log. */
  readonly transport: "resend" | "mailbox";
  send(to: string, email: RenderedEmail, idempotencyKey: string): Promise<SendResult>;
  /**
   * Up to 100 emails in one request (Resend's batch endpoint). Attachments are not allowed there, so
   * the consumer only batches emails without any (ADR 029).
   */
  sendBatch?(items: BatchItem[], idempotencyKey: string): Promise<BatchResult>;
};

/** Resend's batch endpoint takes at most this many emails a call. */
export const BATCH_MAX = 100;


/**
 * The official `resend` client, pointed at Resend with a key, or at the app's own local mailbox
 * without one (ADR 012). Production without a key is a configuration error, never a silent mailbox:
 * null makes the consumer retry until an operator sets the secret.
 */
export function createMailer(config: AppConfig): Mailer | null {
  const key = config.RESEND_API_KEY;
  if (!key && config.APP_ENV === "production") return null;
  const client = key
    ? new Resend(key)
    : new Resend("re_local_mailbox", { baseUrl: new URL(MAILBOX_API_PATH, config.APP_ORIGIN).href });
  return {
    transport: key ? "resend" : "mailbox",
    async send(to, email, idempotencyKey) {
      const { data, error, headers } = await client.emails.send(
        {
          from: config.EMAIL_FROM,
          to: [to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          // Resend wants contentId absent (not null) on a plain attachment such as the .ics.
          attachments: email.attachments.map(({ contentId, ...a }) => (contentId ? { ...a, contentId } : a)),
        },
        { idempotencyKey },
      );
      if (error || !data) {
        return {
          ok: false,
          error: error ?? { statusCode: null, name: "application_error", message: "empty response" },
          retryAfterSeconds: parseRetryAfter(headers?.["retry-after"]),
        };
      }
      return { ok: true, providerId: data.id };
    },
    async sendBatch(items, idempotencyKey) {
      const { data, error, headers } = await client.batch.send(
        items.map(({ to, email }) => ({ from: config.EMAIL_FROM, to: [to], subject: email.subject, html: email.html, text: email.text })),
        { idempotencyKey },
      );
      const ids = data?.data?.map((d) => d.id) ?? [];
      if (error || ids.length !== items.length) {
        return {
          ok: false,
          error: error ?? { statusCode: null, name: "application_error", message: `batch answered ${ids.length} ids for ${items.length} emails` },
          retryAfterSeconds: parseRetryAfter(headers?.["retry-after"]),
        };
      }
      return { ok: true, providerIds: ids };
    },
  };
}

/**
 * Spaces a mailer's requests to `perSecond` (one request = one email, or one batch of up to 100):
 * every call waits for its slot, so a consumer never outruns the provider's team rate limit.
 * One pacer per consumer invocation; `max_concurrency = 1` makes that the whole Worker's rate.
 */
export function pacedMailer(mailer: Mailer, perSecond: number, clock: { now: () => number; sleep: (ms: number) => Promise<void> }): Mailer & { pauseUntil(at: number): void } {
  const gap = perSecond > 0 ? 1000 / perSecond : 0;
  let next = 0;
  let pausedUntil = 0;
  const slot = async () => {
    const at = Math.max(next, pausedUntil, clock.now());
    next = at + gap;
    const wait = at - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };
  return {
    transport: mailer.transport,
    pauseUntil(at) {
      pausedUntil = Math.max(pausedUntil, at);
    },
    async send(to, email, key) {
      await slot();
      return mailer.send(to, email, key);
    },
    ...(mailer.sendBatch
      ? {
          async sendBatch(items: BatchItem[], key: string) {
            await slot();
            return mailer.sendBatch!(items, key);
          },
        }
      : {}),
  };
}
