import { Img, Link, Section, Text } from "@react-email/components";
import { formatRupees } from "#app/domain/pricing";
import { formatBookingCode } from "#app/domain/booking-code";
import { EmailLayout, label, muted, seatList, showWhen, ShowDetails, value } from "./layout";
import type { BookingEmailData, TicketQrAttachment } from "./types";

export function bookingConfirmedSubject(b: BookingEmailData): string {
  return `Your tickets: ${b.movieTitle}, ${showWhen(b)}`;
}

/**
 * The ticket. The QR is an inline PNG attachment referenced by cid: (see ADR on email QR codes);
 * the token is also printed as text so the plain-text part and an image-blocking client still carry it.
 */
export function BookingConfirmedEmail({ b, qr }: { b: BookingEmailData; qr: TicketQrAttachment }) {
  return (
    <EmailLayout preview={`${b.seats.length} seat(s) for ${b.movieTitle} at ${b.cinemaName}`} title="Your booking is confirmed">
      <Text style={muted}>Hi {b.customerName}, here is your ticket. Show this QR code at the entrance.</Text>
      <Section style={{ textAlign: "center", margin: "16px 0" }}>
        <Img src={`cid:${qr.contentId}`} alt="Ticket QR code" width="220" height="220" style={{ margin: "0 auto" }} />
      </Section>
      <ShowDetails b={b} />
      <Text style={label}>Seats</Text>
      <Text style={value}>{seatList(b)}</Text>
      <Text style={label}>Amount paid</Text>
      <Text style={value}>{formatRupees(b.totalPaise)}</Text>
      {b.code && (
        <>
          <Text style={label}>Booking code (for the box office)</Text>
          <Text style={{ ...value, fontFamily: "monospace", fontSize: "20px", letterSpacing: "2px" }}>{formatBookingCode(b.code)}</Text>
        </>
      )}
      <Text style={label}>Booking id</Text>
      <Text style={value}>{b.bookingId}</Text>
      <Text style={label}>Ticket code</Text>
      <Text style={{ ...muted, fontFamily: "monospace", wordBreak: "break-all" }}>{qr.token}</Text>
      <Text style={muted}>
        <Link href={`${b.appOrigin}/bookings/${b.bookingId}`}>View your ticket on Marquee</Link>
      </Text>
      <Text style={muted}>The attached marquee-show.ics adds the show to your calendar.</Text>
    </EmailLayout>
  );
}
