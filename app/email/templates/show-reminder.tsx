import { Link, Text } from "@react-email/components";
import { EmailLayout, label, mailI18n, muted, seatList, showWhen, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function showReminderSubject(b: BookingEmailData): string {
  return mailI18n(b).t("email.reminder.subject", { movie: b.movieTitle, when: showWhen(b) });
}

const LINK = "\u2063";

export function ShowReminderEmail({ b }: { b: BookingEmailData }) {
  const { t } = mailI18n(b);
  // The link sits where the language puts it in the sentence.
  const [before = "", after = ""] = t("email.reminder.open", { link: LINK }).split(LINK);
  return (
    <EmailLayout lang={b.locale} preview={t("email.reminder.preview", { movie: b.movieTitle, cinema: b.cinemaName })} title={t("email.reminder.title")}>
      <Text style={muted}>{t("email.reminder.intro", { name: b.customerName })}</Text>
      <ShowDetails b={b} />
      <Text style={label}>{t("email.seats")}</Text>
      <Text style={value}>{seatList(b)}</Text>
      <Text style={muted}>
        {before}
        <Link href={`${b.appOrigin}/bookings/${b.bookingId}`}>{t("email.reminder.openLink")}</Link>
        {after}
      </Text>
    </EmailLayout>
  );
}
