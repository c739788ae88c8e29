import { IntlMessageFormat } from "intl-messageformat";
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { dateFormat, numberFormat } from "#app/domain/intl";
import { INTL_LOCALE, type Locale } from "./locales";
import type { MessageId, Messages } from "./messages/en";

export type { MessageId, Messages };
/**
 * A catalogue as the browser gets it: each message already parsed (ICU AST) on the server, so the
 * browser build carries FormatJS's formatter without its parser (vite.config.ts, ADR 032).
 */
export type CompiledMessages = Record<MessageId, MessageFormatElement[]>;
export type MessageValues = Record<string, string | number>;
export type Translate = (id: MessageId, values?: MessageValues) => string;

/**
 * A translator over one language's catalogue. Each message is parsed once (IntlMessageFormat) and
 * kept, so a seat map's few hundred labels cost a parse per message id, not per seat.
 */
export function createTranslator(locale: Locale, messages: Messages | CompiledMessages): Translate {
  const made = new Map<MessageId, IntlMessageFormat>();
  const intl = INTL_LOCALE[locale];
  return (id, values) => {
    let f = made.get(id);
    if (!f) {
      const source = messages[id];
      // A key missing at run time is a bug the catalogue test catches; show the id rather than crash a page.
      if (source === undefined) return id;
      made.set(id, (f = new IntlMessageFormat(source, intl)));
    }
    return String(f.format(values));
  };
}

/**
 * Numbers group the Indian way (1,20,000) in every language. CLDR's Kannada pattern groups in
 * thousands (120,000); Kannada uses Latin digits, so en-IN's pattern gives the same characters
 * with the grouping Indian readers expect.
 */
const NUMBER_LOCALE: Record<Locale, string> = { en: "en-IN", hi: "hi-IN", kn: "en-IN" };

/** ₹ amounts from integer paise (whole rupees without ".00"). */
export function formatMoney(locale: Locale, paise: number): string {
  const whole = paise % 100 === 0;
  return numberFormat(NUMBER_LOCALE[locale], { style: "currency", currency: "INR", minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(paise / 100);
}

export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(NUMBER_LOCALE[locale], {}).format(n);
}

/** "7:30 pm" in the cinema's zone (IST for every cinema today), in the fan's language. */
export function formatTime(locale: Locale, epochMs: number, timeZone: string): string {
  return dateFormat(INTL_LOCALE[locale], { timeZone, hour: "numeric", minute: "2-digit", hour12: true }).format(new Date(epochMs));
}

export function formatDate(locale: Locale, epochMs: number, timeZone: string): string {
  return dateFormat(INTL_LOCALE[locale], { timeZone, weekday: "short", day: "numeric", month: "short" }).format(new Date(epochMs));
}

export function formatDateTime(locale: Locale, epochMs: number, timeZone: string): string {
  return `${formatDate(locale, epochMs, timeZone)}, ${formatTime(locale, epochMs, timeZone)}`;
}
