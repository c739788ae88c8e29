/**
 * Shared Intl formatters. Building one is far dearer than using it (a seat page view formats a
 * few dates and prices; constructing each formatter was ~5 % of a view's server time), and they
 * hold no state, so one per locale and options is kept for the life of the isolate or the page.
 */
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();
const MAX = 500;

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dates.get(key);
  if (!f) {
    if (dates.size >= MAX) dates.clear();
    dates.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  }
  return f;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numbers.get(key);
  if (!f) {
    if (numbers.size >= MAX) numbers.clear();
    numbers.set(key, (f = new Intl.NumberFormat(locale, options)));
  }
  return f;
}
