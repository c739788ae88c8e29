import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { serverI18n } from "#app/i18n/locale.server";
import { HTML_LANG } from "#app/i18n/locales";
import type { I18n } from "#app/i18n/context";
import type { BookingEmailData } from "./types";

const body = { backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", color: "#18181b" };
const card = { backgroundColor: "#ffffff", borderRadius: "8px", padding: "24px", margin: "24px auto", maxWidth: "560px" };
export const muted = { color: "#52525b", fontSize: "14px", lineHeight: "20px", margin: "4px 0" };
export const label = { color: "#71717a", fontSize: "12px", textTransform: "uppercase" as const, letterSpacing: "0.05em", margin: "12px 0 2px" };
export const value = { fontSize: "16px", lineHeight: "22px", margin: "0" };

/** The translator and formatters for an email about this booking, in the account's language. */
export function mailI18n(b: Pick<BookingEmailData, "locale">): I18n {
  return serverI18n(b.locale);
}

export function showWhen(b: Pick<BookingEmailData, "startsAt" | "timeZone" | "locale">): string {
  return mailI18n(b).dateTime(b.startsAt, b.timeZone);
}

export function seatList(b: Pick<BookingEmailData, "seats">): string {
  return b.seats.map((s) => s.seatId).join(", ");
}

/** The frame every Marquee email shares: brand line, preview text, one white card, footer. */
export function EmailLayout({
  preview,
  title,
  children,
  footer,
  lang = "en",
}: {
  preview: string;
  title: string;
  children: ReactNode;
  /** Defaults to the booking footer in `lang`. */
  footer?: string;
  lang?: BookingEmailData["locale"];
}) {
  return (
    <Html lang={HTML_LANG[lang]}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={{ ...muted, fontWeight: 700, color: "#be123c", letterSpacing: "0.1em" }}>MARQUEE</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "8px 0 16px" }}>
            {title}
          </Heading>
          {children}
          <Hr style={{ borderColor: "#e4e4e7", margin: "24px 0 12px" }} />
          <Text style={{ ...muted, fontSize: "12px" }}>{footer ?? serverI18n(lang).t("email.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Movie, cinema, screen and time: the lines every booking email repeats. */
export function ShowDetails({ b }: { b: BookingEmailData }) {
  const { t } = mailI18n(b);
  return (
    <Section>
      <Text style={label}>{t("email.movie")}</Text>
      <Text style={value}>
        {b.movieTitle} ({b.certificate}) · {b.format} · {b.language}
      </Text>
      <Text style={label}>{t("email.cinema")}</Text>
      <Text style={value}>
        {b.cinemaName}, {b.screenName}
      </Text>
      <Text style={muted}>{b.cinemaAddress}</Text>
      <Text style={label}>{t("email.showTime", { zone: b.timeZone })}</Text>
      <Text style={value}>{showWhen(b)}</Text>
    </Section>
  );
}
