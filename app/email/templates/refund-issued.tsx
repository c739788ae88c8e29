import { Text } from "@react-email/components";
import { formatRupees } from "#app/domain/pricing";
import { describeRefundAmounts, whoCancelled } from "#app/domain/refund-policy";
import { EmailLayout, label, muted, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function refundIssuedSubject(b: BookingEmailData): string {
  return `Refund of ${formatRupees(b.refund?.amountPaise ?? 0)} issued for ${b.movieTitle}`;
}

export function RefundIssuedEmail({ b }: { b: BookingEmailData }) {
  const refundPaise = b.refund?.amountPaise ?? 0;
  const amount = formatRupees(refundPaise);
  return (
    <EmailLayout preview={`${amount} is on its way back to you`} title="Your refund has been issued">
      <Text style={muted}>
        Hi {b.customerName}, {whoCancelled(b.refund?.reason ?? null).replace(/^./, (c) => c.toLowerCase())} We have issued a refund of {amount} for
        booking {b.bookingId} to the card or account you paid with.
      </Text>
      <Text style={label}>Refund</Text>
      <Text style={value}>{describeRefundAmounts({ refundPaise, paidPaise: b.totalPaise })}</Text>
      <Text style={label}>When it arrives</Text>
      <Text style={value}>The money arrives in 5–7 working days, depending on your bank.</Text>
      <ShowDetails b={b} />
    </EmailLayout>
  );
}
