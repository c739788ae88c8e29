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

/**
 * Requests the mailbox accepted in the last second (this isolate; `wrangler dev` runs one), for a
 * rate limit like Resend's team limit: over it, 429 `rate_limit_exceeded` with `Retry-After`.
 */
const recent: number[] = [];

export function takeMailboxSlot(perSecond: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
  if (!(perSecond > 0)) return { ok: true };
  while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
  if (recent.length >= perSecond) return { ok: false, retryAfterSeconds: 1 };
  recent.push(now);
  return { ok: true };
}

function rateLimited(retryAfterSeconds: number): Response {
  return Response.json(
    { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. You can only make a few requests per second." } satisfies ResendError,
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

function guardRequest(request: Request, ratePerSecond: number, now: number): Response | null {
  if (!/^Bearer \S+$/.test(request.headers.get("Authorization") ?? "")) {
    return resendError(401, "missing_api_key", "Missing API key in the authorization header.");
  }
  const slot = takeMailboxSlot(ratePerSecond, now);
  if (!slot.ok) return rateLimited(slot.retryAfterSeconds);
  const key = request.headers.get("Idempotency-Key");
  if (key !== null && (key.length < 1 || key.length > 256)) {
    return resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
  }
  return null;
}

function firstIssue(error: z.ZodError): Response {
  const issue = error.issues[0];
  return resendError(422, "validation_error", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
}

/** The provider's own gates (rate, method, size), then the body through `schema`, as Resend answers each. */
async function readRequest<T>(request: Request, ratePerSecond: number, now: number, schema: z.ZodType<T>): Promise<{ data: T } | Response> {
  const refused = guardRequest(request, ratePerSecond, now);
  if (refused) return refused;
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return resendError(422, "validation_error", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { data: parsed.data } : firstIssue(parsed.error);
}

/** Handles `POST {base}/emails` exactly as far as the `resend` client can tell. */
export async function receiveEmail(db: Db, request: Request, now: number, ratePerSecond = 0): Promise<Response> {
  const parsed = await readRequest(request, ratePerSecond, now, resendEmailBody);
  if (parsed instanceof Response) return parsed;
  const key = request.headers.get("Idempotency-Key");
  const stored = await storeEmail(db, parsed.data, key, now);
  return "id" in stored ? Response.json({ id: stored.id }) : stored.response;
}

/** Resend's batch endpoint: no attachments, at most 100 emails, strict validation (all or nothing). */
const resendBatchBody = z.array(resendEmailBody.and(z.object({ attachments: z.undefined().optional() }))).min(1).max(100);

/**
 * Handles `POST {base}/emails/batch`. The batch's Idempotency-Key de-duplicates the whole request
 * (a repeat answers the original ids and stores nothing): each email is stored under `key#index`.
 */
export async function receiveBatch(db: Db, request: Request, now: number, ratePerSecond = 0): Promise<Response> {
  const parsed = await readRequest(request, ratePerSecond, now, resendBatchBody);
  if (parsed instanceof Response) return parsed;
  const key = request.headers.get("Idempotency-Key");
  const ids: { id: string }[] = [];
  for (const [i, mail] of parsed.data.entries()) {
    const stored = await storeEmail(db, mail, key === null ? null : `${key}#${i}`, now);
    if (!("id" in stored)) return stored.response;
    ids.push({ id: stored.id });
  }
  return Response.json({ data: ids });
}

async function storeEmail(db: Db, mail: z.output<typeof resendEmailBody>, key: string | null, now: number): Promise<{ id: string } | { response: Response }> {
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
  if (inserted[0]) return { id: inserted[0].id };
  // Same Idempotency-Key again: Resend answers with the original email's id and sends nothing.
  const existing = await db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.idempotencyKey, key!)).get();
  return existing ? { id: existing.id } : { response: resendError(409, "concurrent_idempotent_requests", "Same idempotency key used concurrently; try again.") };
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
