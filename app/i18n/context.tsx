import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createTranslator, formatDate, formatDateTime, formatMoney, formatNumber, formatTime, type CompiledMessages, type Messages, type Translate } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";

export type I18n = {
  locale: Locale;
  t: Translate;
  money: (paise: number) => string;
  number: (n: number) => string;
  time: (epochMs: number, timeZone: string) => string;
  date: (epochMs: number, timeZone: string) => string;
  dateTime: (epochMs: number, timeZone: string) => string;
};

export function makeI18n(locale: Locale, messages: Messages | CompiledMessages): I18n {
  return {
    locale,
    t: createTranslator(locale, messages),
    money: (paise) => formatMoney(locale, paise),
    number: (n) => formatNumber(locale, n),
    time: (ms, tz) => formatTime(locale, ms, tz),
    date: (ms, tz) => formatDate(locale, ms, tz),
    dateTime: (ms, tz) => formatDateTime(locale, ms, tz),
  };
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The page's language and its one catalogue, from the root loader: only the fan's language travels
 * to the browser (in the loader data), never the other two.
 */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: CompiledMessages; children: ReactNode }) {
  const value = useMemo(() => makeI18n(locale, messages), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/**
 * With no provider the root loader itself failed and its error page is all there is to say: that
 * page's few plain words in English (literal ASTs, which need no parser), so no catalogue has to
 * ship in the JS for it. Others read as ids.
 */
const literal = (value: string) => [{ type: 0, value }];
const ERROR_PAGE_ENGLISH = {
  "nav.skip": literal("Skip to content"),
  "error.generic": literal("Something went wrong on our side. Please try again in a moment."),
  "error.notFound": literal("We couldn't find that page."),
  "error.titleNotFound": literal("Page not found"),
  "error.titleRefused": literal("That didn't work"),
  "error.titleBroken": literal("Something went wrong"),
  "error.back": literal("Back to movies"),
} as unknown as CompiledMessages;
const FALLBACK = makeI18n(DEFAULT_LOCALE, ERROR_PAGE_ENGLISH);

export function useI18n(): I18n {
  return useContext(I18nContext) ?? FALLBACK;
}

/**
 * The same language inside a separate render (the seat map's cached static markup renders its
 * element on its own, outside the page's providers).
 */
export function CarryI18n({ value, children }: { value: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useI18n().t;
}
