import { render } from "@react-email/components";
import type { ReactElement } from "react";
import type { EmailType } from "#app/db/schema.server";
import { qrPng } from "#app/domain/ticket-qr";
import { ticketToken } from "#app/tickets/token.server";
import type { KeyConfig } from "#app/utils/keys.server";
import { BookingCancelledEmail, bookingCancelledSubject } from "#app/email/templates/booking-cancelled";
import { BookingConfirmedEmail, bookingConfirmedSubject } from "#app/email/templates/booking-confirmed";
import { RefundIssuedEmail, refundIssuedSubject } from "#app/email/templates/refund-issued";
import { ShowReminderEmail, showReminderSubject } from "#app/email/templates/show-reminder";
import type { BookingEmailData } from "#app/email/templates/types";
import { formatBookingCode } from "#app/domain/booking-code";
import { ticketIcs } from "#app/tickets/ticket.server";
import type { AccountEmailType } from "#app/domain/enums";
import {
  accountEmailSubject,
  PasswordChangedEmail,
  PasswordResetEmail,
  SignupExistingEmail,
  SignInLinkEmail,
  VerifyEmailEmail,
  type AccountEmailData,
} from "#app/email/templates/account";

export type EmailAttachment = { filename: string; content: string; contentType: string; contentId: string | null };
export type RenderedEmail = { subject: string; html: string; text: string; attachments: EmailAttachment[] };

export const QR_CONTENT_ID = "ticket-qr";

function emailIcs(b: BookingEmailData): string {
  return ticketIcs(
    {
      bookingId: b.bookingId,
      code: b.code ? formatBookingCode(b.code) : null,
      movieTitle: b.movieTitle,
      format: b.format,
      cinemaName: b.cinemaName,
      cinemaAddress: b.cinemaAddress,
      screenName: b.screenName,
      startsAt: b.startsAt,
      timeZone: b.timeZone,
      runtimeMinutes: b.runtimeMinutes,
      seats: b.seats.map((x) => x.seatId),
    },
    b.appOrigin,
    // DTSTAMP from the booking, not the clock: a redelivered message renders the same file.
    b.startsAt,
  );
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

async function both(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

/** Booking emails that carry attachments (the QR and the .ics): the provider's batch endpoint refuses them. */
export function hasAttachments(type: EmailType): boolean {
  return type === "booking_confirmed";
}

/** Renders one email about one booking as HTML + plain text (+ the ticket QR for a confirmation). */
export async function renderBookingEmail(type: EmailType, b: BookingEmailData, keys: KeyConfig): Promise<RenderedEmail> {
  switch (type) {
    case "booking_confirmed": {
      const token = await ticketToken(keys, b.bookingId);
      const png = await qrPng(token);
      const body = await both(<BookingConfirmedEmail b={b} qr={{ token, contentId: QR_CONTENT_ID }} />);
      return {
        subject: bookingConfirmedSubject(b),
        ...body,
        attachments: [
          { filename: "ticket-qr.png", content: base64(png), contentType: "image/png", contentId: QR_CONTENT_ID },
          // "Add to calendar" straight from the email: the show in the cinema's time zone.
          { filename: "marquee-show.ics", content: base64(new TextEncoder().encode(emailIcs(b))), contentType: "text/calendar; charset=utf-8", contentId: null },
        ],
      };
    }
    case "refund_issued":
      return { subject: refundIssuedSubject(b), ...(await both(<RefundIssuedEmail b={b} />)), attachments: [] };
    case "booking_cancelled":
      return { subject: bookingCancelledSubject(b), ...(await both(<BookingCancelledEmail b={b} />)), attachments: [] };
    case "show_reminder":
      return { subject: showReminderSubject(b), ...(await both(<ShowReminderEmail b={b} />)), attachments: [] };
  }
}

/** Renders one email about an account (no attachments). */
export async function renderAccountEmail(type: AccountEmailType, d: AccountEmailData): Promise<RenderedEmail> {
  const element = {
    verify_email: <VerifyEmailEmail d={d} />,
    password_reset: <PasswordResetEmail d={d} />,
    password_changed: <PasswordChangedEmail d={d} />,
    signup_existing: <SignupExistingEmail d={d} />,
    sign_in_link: <SignInLinkEmail d={d} />,
  }[type];
  return { subject: accountEmailSubject(type, d), ...(await both(element)), attachments: [] };
}
