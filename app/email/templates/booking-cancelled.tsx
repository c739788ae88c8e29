import { Text } from "@react-email/components";
import { formatRupees } from "#app/domain/pricing";
import { EmailLayout, label, muted, seatList, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function bookingCancelledSubject(b: BookingEmailData): string {
  return `Booking cancelled: ${b.movieTitle}`;
}

/** The refund is the ticket price; the convenience fee (and its tax) pays for a service already given. */
export function BookingCancelledEmail({ b }: { b: BookingEmailData }) {
  const refundPaise = b.refund?.amountPaise ?? Math.max(0, b.totalPaise - b.feePaise);
  return (
    <EmailLayout preview={`Your booking ${b.bookingId} is cancelled`} title="Your booking is cancelled">
      <Text style={muted}>
        Hi {b.customerName}, booking {b.bookingId} for seats {seatList(b)} is cancelled and the seats are released. Your
        ticket and its QR code no longer work.
      </Text>
      <Text style={label}>Refund</Text>
      <Text style={value}>
        {formatRupees(refundPaise)} of the {formatRupees(b.totalPaise)} you paid
      </Text>
      <Text style={muted}>
        The convenience fee of {formatRupees(b.feePaise)} is not refunded. The refund arrives in 5–7 working days.
      </Text>
      <ShowDetails b={b} />
    </EmailLayout>
  );
}
