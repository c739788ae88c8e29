import { Text } from "@react-email/components";
import { describeRefundAmounts, whoCancelled } from "#app/domain/refund-policy";
import { EmailLayout, label, muted, seatList, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function bookingCancelledSubject(b: BookingEmailData): string {
  return `Booking cancelled: ${b.movieTitle}`;
}

/**
 * Who cancelled and the exact refund. A customer's cancellation keeps the convenience fee (and its
 * tax); the cinema's refunds everything. The refund row says which; without one (not yet recorded)
 * the customer rule applies.
 */
export function BookingCancelledEmail({ b }: { b: BookingEmailData }) {
  const refundPaise = b.refund?.amountPaise ?? Math.max(0, b.totalPaise - b.feePaise);
  return (
    <EmailLayout preview={`Your booking ${b.bookingId} is cancelled`} title="Your booking is cancelled">
      <Text style={muted}>
        Hi {b.customerName}, {whoCancelled(b.refund?.reason ?? "customer_cancellation")} Booking {b.bookingId} for seats {seatList(b)} is
        cancelled and the seats are released. Your ticket and its QR code no longer work.
      </Text>
      <Text style={label}>Refund</Text>
      <Text style={value}>{describeRefundAmounts({ refundPaise, paidPaise: b.totalPaise })}</Text>
      <Text style={muted}>The refund arrives in 5–7 working days.</Text>
      <ShowDetails b={b} />
    </EmailLayout>
  );
}
