/**
 * Shared Intl formatters. Building one is far dearer than using it (a seat page view formats a
 * few dates and prices; constructing each formatter was ~5 % of a view's server time), and they
 * hold no state, so one per locale and options is kept for the life of the isolate or the page.
 */
const MAX = 500;

function memoised<O, F>(make: (locale: string, options: O) => F): (locale: string, options: O) => F {
  const made = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let f = made.get(key);
    if (!f) {
      if (made.size >= MAX) made.clear();
      made.set(key, (f = make(locale, options)));
    }
    return f;
  };
}

export const dateFormat = memoised((locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));
export const numberFormat = memoised((locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));
