import { Text } from "@react-email/components";
import { refundSentence } from "./booking-cancelled";
import { EmailLayout, label, mailI18n, muted, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function refundIssuedSubject(b: BookingEmailData): string {
  const { t, money } = mailI18n(b);
  return t("email.refund.subject", { amount: money(b.refund?.amountPaise ?? 0), movie: b.movieTitle });
}

export function RefundIssuedEmail({ b }: { b: BookingEmailData }) {
  const i18n = mailI18n(b);
  const { t, money } = i18n;
  const refundPaise = b.refund?.amountPaise ?? 0;
  const amount = money(refundPaise);
  return (
    <EmailLayout lang={b.locale} preview={t("email.refund.preview", { amount })} title={t("email.refund.title")}>
      <Text style={muted}>{t("email.refund.body", { name: b.customerName, who: b.refund?.reason ?? "none", amount, id: b.bookingId })}</Text>
      <Text style={label}>{t("email.cancelled.refund")}</Text>
      <Text style={value}>{refundSentence(i18n, refundPaise, b.totalPaise)}</Text>
      <Text style={label}>{t("email.refund.whenLabel")}</Text>
      <Text style={value}>{t("email.refund.when")}</Text>
      <ShowDetails b={b} />
    </EmailLayout>
  );
}
