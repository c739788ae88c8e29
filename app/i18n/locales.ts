/**
 * The languages Marquee speaks and how each maps onto HTML and Intl. Pure: used by the server to
 * negotiate and by the page to format.
 */
export const LOCALES = ["en", "hi", "kn"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A film's or cinema's name in the languages other than English (English is the row's own column). */
export type LocalizedNames = Partial<Record<Exclude<Locale, "en">, string>>;

/** The name to show in `locale`: the operator's translation where there is one, else the English name. */
export function localName(english: string, names: LocalizedNames | null | undefined, locale: Locale): string {
  return (locale !== "en" && names?.[locale]) || english;
}

/** What each language calls itself: the switch shows these, never a translation of them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", hi: "हिन्दी", kn: "ಕನ್ನಡ" };

/** Intl locale: Indian English keeps lakh/crore grouping and Indian date order. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-IN", hi: "hi-IN", kn: "kn-IN" };

/** `<html lang>`: the bare language for hi and kn (what screen readers and search engines key on). */
export const HTML_LANG: Record<Locale, string> = { en: "en-IN", hi: "hi", kn: "kn" };

/** All three are written left to right; the map makes adding Urdu a one-line change. */
export const DIR: Record<Locale, "ltr" | "rtl"> = { en: "ltr", hi: "ltr", kn: "ltr" };

/**
 * The best of our locales for an Accept-Language header (RFC 9110 q-values; "hi-IN" matches "hi").
 * Null when the header names none of them, so the caller can fall back.
 */
export function negotiate(header: string | null): Locale | null {
  if (!header) return null;
  let best: { locale: Locale; q: number; order: number } | null = null;
  header.split(",").forEach((part, order) => {
    const [tag = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) return;
    const base = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(base)) return;
    if (!best || q > best.q) best = { locale: base, q, order };
  });
  return (best as { locale: Locale } | null)?.locale ?? null;
}
