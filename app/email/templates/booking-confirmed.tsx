import { Img, Link, Section, Text } from "@react-email/components";
import { formatBookingCode } from "#app/domain/booking-code";
import { EmailLayout, label, mailI18n, muted, seatList, showWhen, ShowDetails, value } from "./layout";
import type { BookingEmailData, TicketQrAttachment } from "./types";

export function bookingConfirmedSubject(b: BookingEmailData): string {
  return mailI18n(b).t("email.confirmed.subject", { movie: b.movieTitle, when: showWhen(b) });
}

/**
 * The ticket. The QR is an inline PNG attachment referenced by cid: (see ADR on email QR codes);
 * the token is also printed as text so the plain-text part and an image-blocking client still carry it.
 */
export function BookingConfirmedEmail({ b, qr }: { b: BookingEmailData; qr: TicketQrAttachment }) {
  const { t, money } = mailI18n(b);
  return (
    <EmailLayout lang={b.locale} preview={t("email.confirmed.preview", { count: b.seats.length, movie: b.movieTitle, cinema: b.cinemaName })} title={t("email.confirmed.title")}>
      <Text style={muted}>{t("email.confirmed.intro", { name: b.customerName })}</Text>
      <Section style={{ textAlign: "center", margin: "16px 0" }}>
        <Img src={`cid:${qr.contentId}`} alt={t("email.confirmed.qrAlt")} width="220" height="220" style={{ margin: "0 auto" }} />
      </Section>
      <ShowDetails b={b} />
      <Text style={label}>{t("email.seats")}</Text>
      <Text style={value}>{seatList(b)}</Text>
      <Text style={label}>{t("email.confirmed.paid")}</Text>
      <Text style={value}>{money(b.totalPaise)}</Text>
      {b.code && (
        <>
          <Text style={label}>{t("email.confirmed.code")}</Text>
          <Text style={{ ...value, fontFamily: "monospace", fontSize: "20px", letterSpacing: "2px" }}>{formatBookingCode(b.code)}</Text>
        </>
      )}
      <Text style={label}>{t("email.confirmed.bookingId")}</Text>
      <Text style={value}>{b.bookingId}</Text>
      <Text style={label}>{t("email.confirmed.ticketCode")}</Text>
      <Text style={{ ...muted, fontFamily: "monospace", wordBreak: "break-all" }}>{qr.token}</Text>
      <Text style={muted}>
        <Link href={`${b.appOrigin}/bookings/${b.bookingId}`}>{t("email.confirmed.view")}</Link>
      </Text>
      <Text style={muted}>{t("email.confirmed.calendar")}</Text>
    </EmailLayout>
  );
}
