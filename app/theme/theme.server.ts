import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { THEMES, type Theme } from "./themes";

export const THEME_COOKIE = "theme";

/** The fan's chosen theme; "system" (follow the device) when none was chosen. */
export function themeFrom(request: Request): Theme {
  const v = readCookie(request, THEME_COOKIE);
  return (THEMES as readonly string[]).includes(v ?? "") ? (v as Theme) : "system";
}

/** A year-long, readable-by-nobody-else cookie: a preference, not a secret, but no script needs it. */
export function themeCookie(theme: Theme, secure: boolean): string {
  return theme === "system" ? serializeCookie(THEME_COOKIE, "", { secure, maxAgeSeconds: 0 }) : serializeCookie(THEME_COOKIE, theme, { secure, maxAgeSeconds: 365 * 24 * 3600 });
}
