import type { EmailType } from "#app/db/schema.server";
import { sampleBooking } from "#app/email/templates/preview-data";
import { renderBookingEmail } from "./render.server";
import { htmlWithInlineImages } from "./mailbox.server";
import type { AppConfig } from "#app/utils/env.server";

/** A template rendered with the sample booking, inline images resolved like the mailbox does. */
export async function renderPreview(type: EmailType, config: AppConfig) {
  const email = await renderBookingEmail(type, sampleBooking({ appOrigin: config.APP_ORIGIN }), config);
  return { ...email, html: htmlWithInlineImages(email) };
}

/** Email HTML is shown, never run: no scripts, no requests except inline images, framed only by us. */
export function emailHtmlResponse(html: string): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
