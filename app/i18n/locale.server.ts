import { eq } from "drizzle-orm";
import { users } from "#app/db/schema.server";
import type { Services } from "#app/utils/context.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { makeI18n, type I18n } from "./context";
import { parse } from "@formatjs/icu-messageformat-parser";
import type { CompiledMessages, MessageId, Messages } from "./format";
import { DEFAULT_LOCALE, isLocale, negotiate, type Locale } from "./locales";
import { en } from "./messages/en";
import { hi } from "./messages/hi";
import { kn } from "./messages/kn";

export const LOCALE_COOKIE = "marquee_lang";
const CATALOGUES: Record<Locale, Messages> = { en, hi, kn };

const compiled = new Map<Locale, CompiledMessages>();

/** The page's catalogue for the browser, parsed once per isolate per language. */
export function compiledCatalogue(locale: Locale): CompiledMessages {
  let c = compiled.get(locale);
  if (!c) {
    const source = CATALOGUES[locale];
    c = Object.fromEntries(Object.keys(source).map((id) => [id, parse(source[id as MessageId])])) as CompiledMessages;
    compiled.set(locale, c);
  }
  return c;
}

/** The fan's explicit choice on this browser (the header switch), if any. */
export function chosenLocale(request: Request): Locale | null {
  const cookie = readCookie(request, LOCALE_COOKIE);
  return isLocale(cookie) ? cookie : null;
}

/**
 * The page's language, in order: `?hl=` (the one URL per language that alternate links and
 * shared links use), the switch's cookie (which login fills from the account), Accept-Language,
 * English. No D1 read: the account's choice reaches the cookie when the fan logs in.
 */
export function requestLocale(request: Request): Locale {
  const query = new URL(request.url).searchParams.get("hl");
  if (isLocale(query)) return query;
  return chosenLocale(request) ?? negotiate(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

/** Translator and formatters for server-made text: loaders, refusals, emails. */
export function serverI18n(locale: Locale): I18n {
  return makeI18n(locale, CATALOGUES[locale]);
}

export function requestI18n(request: Request): I18n {
  return serverI18n(requestLocale(request));
}

/** A year: the choice outlives sessions, like any site's language setting. Readable by no script it needs. */
export function localeCookie(locale: Locale, secure: boolean): string {
  return serializeCookie(LOCALE_COOKIE, locale, { secure, maxAgeSeconds: 365 * 24 * 60 * 60 });
}

export async function saveAccountLocale(s: Services, userId: string, locale: Locale): Promise<void> {
  await s.db.update(users).set({ locale }).where(eq(users.id, userId));
}

/**
 * At login the browser and the account agree: a choice made on this browser before logging in wins
 * and is saved on the account (so emails follow it); without one, the account's language comes to
 * the browser. Returns the cookie to set, if any.
 */
export async function reconcileLocaleAtLogin(s: Services, request: Request, userId: string): Promise<string | null> {
  const chosen = chosenLocale(request);
  if (chosen) {
    await saveAccountLocale(s, userId, chosen);
    return null;
  }
  const row = await s.db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get();
  return row && isLocale(row.locale) && row.locale !== requestLocale(request) ? localeCookie(row.locale, s.secureCookies) : null;
}
