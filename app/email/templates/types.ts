import type { Locale } from "#app/i18n/locales";

/** Everything an email about one booking may show, loaded fresh from D1 when the message is consumed. */
export type BookingEmailData = {
  /** The account's language: subject, body and dates are written in it. */
  locale: Locale;
  bookingId: string;
  status: string;
  customerName: string;
  customerEmail: string;
  movieTitle: string;
  certificate: string;
  format: string;
  language: string;
  cinemaName: string;
  cinemaAddress: string;
  screenName: string;
  startsAt: number;
  runtimeMinutes: number;
  timeZone: string;
  seats: { seatId: string; category: string; pricePaise: number }[];
  totalPaise: number;
  /** Convenience fee and its tax: what a cancellation keeps. */
  feePaise: number;
  refund: { amountPaise: number; status: string; reason: string } | null;
  /** Short box-office code (null for bookings made before codes existed). */
  code: string | null;
  /** Where the ticket page lives, for links ("https://marquee.example"). */
  appOrigin: string;
};

/** The ticket's QR for the confirmation email: the token text and the inline image's content id. */
export type TicketQrAttachment = { token: string; contentId: string };
