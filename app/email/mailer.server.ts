import { Resend } from "resend";
import type { RenderedEmail } from "./render.server";
import { parseRetryAfter, type ProviderError } from "#app/domain/email-delivery";
import type { AppConfig } from "#app/utils/env.server";
import { MAILBOX_API_PATH } from "./mailbox-api";

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; error: ProviderError; retryAfterSeconds: number | null };

export type Mailer = {
  /** "resend" or "mailbox": which transport, for the log. */
  readonly transport: "resend" | "mailbox";
  send(to: string, email: RenderedEmail, idempotencyKey: string): Promise<SendResult>;
};


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
          attachments: email.attachments,
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
  };
}
