import { Text } from "@react-email/components";
import type { I18n } from "#app/i18n/context";
import { EmailLayout, label, mailI18n, muted, seatList, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function bookingCancelledSubject(b: BookingEmailData): string {
  return mailI18n(b).t("email.cancelled.subject", { movie: b.movieTitle });
}

/** The refund in one sentence: everything back, or the seats' price without the fee and its GST. */
export function refundSentence({ t, money }: I18n, refundPaise: number, paidPaise: number): string {
  const kept = paidPaise - refundPaise;
  return kept <= 0 ? t("email.refundFull", { refund: money(refundPaise) }) : t("email.refundPart", { refund: money(refundPaise), paid: money(paidPaise), kept: money(kept) });
}

/**
 * Who cancelled and the exact refund. A customer's cancellation keeps the convenience fee (and its
 * tax); the cinema's refunds everything. The refund row says which; without one (not yet recorded)
 * the customer rule applies.
 */
export function BookingCancelledEmail({ b }: { b: BookingEmailData }) {
  const refundPaise = b.refund?.amountPaise ?? Math.max(0, b.totalPaise - b.feePaise);
  const i18n = mailI18n(b);
  const { t } = i18n;
  return (
    <EmailLayout lang={b.locale} preview={t("email.cancelled.preview", { id: b.bookingId })} title={t("email.cancelled.title")}>
      <Text style={muted}>
        {t("email.cancelled.body", { name: b.customerName, who: b.refund?.reason ?? "customer_cancellation", id: b.bookingId, seats: seatList(b) })}
      </Text>
      <Text style={label}>{t("email.cancelled.refund")}</Text>
      <Text style={value}>{refundSentence(i18n, refundPaise, b.totalPaise)}</Text>
      <Text style={muted}>{t("email.cancelled.arrives")}</Text>
      <ShowDetails b={b} />
    </EmailLayout>
  );
}
