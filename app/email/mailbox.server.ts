import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { devMailbox, type DevMailboxEmail } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import type { AppConfig } from "#app/utils/env.server";
import { devToolOpen } from "#app/utils/http.server";

/**
 * The local mailbox: a Resend-compatible `POST /emails` that stores instead of sending, and the
 * pages that show what arrived (like Mailpit). Development and tests only.
 */
export function mailboxEnabled(request: Request, config: AppConfig): boolean {
  return devToolOpen(request, config, config.RESEND_API_KEY !== undefined);
}

const addresses = z.union([z.email(), z.array(z.email()).min(1).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** The subset of Resend's send-email body (snake_case on the wire) that Marquee uses. */
export const resendEmailBody = z
  .object({
    from: z.string().min(3).max(320),
    to: addresses,
    subject: z.string().min(1).max(998),
    html: z.string().max(2_000_000).optional(),
    text: z.string().max(2_000_000).optional(),
    attachments: z
      .array(
        z.object({
          content: z.string().max(5_000_000),
          filename: z.string().max(255).nullish(),
          content_type: z.string().max(255).nullish(),
          content_id: z.string().max(255).nullish(),
        }),
      )
      .max(20)
      .optional(),
  })
  .refine((b) => b.html !== undefined || b.text !== undefined, { message: "Either html or text must be provided." });

export type ResendError = { statusCode: number; name: string; message: string };

/** Resend's error shape, so the `resend` client classifies the mailbox's answers like the real ones. */
export function resendError(statusCode: number, name: string, message: string): Response {
  return Response.json({ statusCode, name, message } satisfies ResendError, { status: statusCode });
}

/** Handles `POST {base}/emails` exactly as far as the `resend` client can tell. */
export async function receiveEmail(db: Db, request: Request, now: number): Promise<Response> {
  if (!/^Bearer \S+$/.test(request.headers.get("Authorization") ?? "")) {
    return resendError(401, "missing_api_key", "Missing API key in the authorization header.");
  }
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return resendError(422, "validation_error", "The body is not valid JSON.");
  }
  const parsed = resendEmailBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return resendError(422, "validation_error", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
  }
  const key = request.headers.get("Idempotency-Key");
  if (key !== null && (key.length < 1 || key.length > 256)) {
    return resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }
  const mail = parsed.data;
  const id = crypto.randomUUID();
  const inserted = await db
    .insert(devMailbox)
    .values({
      id,
      idempotencyKey: key,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html ?? null,
      text: mail.text ?? null,
      attachments: (mail.attachments ?? []).map((a) => ({
        content: a.content,
        filename: a.filename ?? null,
        contentType: a.content_type ?? null,
        contentId: a.content_id ?? null,
      })),
      createdAt: now,
    })
    .onConflictDoNothing({ target: devMailbox.idempotencyKey })
    .returning({ id: devMailbox.id });
  if (inserted[0]) return Response.json({ id: inserted[0].id });
  // Same Idempotency-Key again: Resend answers with the original email's id and sends nothing.
  const existing = await db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.idempotencyKey, key!)).get();
  return existing
    ? Response.json({ id: existing.id })
    : resendError(409, "concurrent_idempotent_requests", "Same idempotency key used concurrently; try again.");
}

export function listMailbox(db: Db, limit = 100) {
  return db
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.createdAt))
    .limit(limit)
    .all();
}

export function getMailboxEmail(db: Db, id: string): Promise<DevMailboxEmail | undefined> {
  return db.select().from(devMailbox).where(eq(devMailbox.id, id)).get();
}

/** The stored HTML with `cid:` images swapped for their inline attachments, as a mail client shows it. */
export function htmlWithInlineImages(email: Pick<DevMailboxEmail, "html" | "attachments">): string {
  const html = email.html ?? "";
  return html.replace(/(["'])cid:([^"']+)\1/g, (whole, quote: string, cid: string) => {
    const att = email.attachments.find((a) => a.contentId === cid);
    if (!att || !/^[A-Za-z0-9+/=]+$/.test(att.content)) return whole;
    const type = att.contentType && /^image\/[a-z0-9.+-]+$/.test(att.contentType) ? att.contentType : "application/octet-stream";
    return `${quote}data:${type};base64,${att.content}${quote}`;
  });
}
