import { dateFormat } from "./intl";
/** Calendar helpers that work in a cinema's time zone, given `now` (no hidden clocks). */

export function localDateKey(epochMs: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(epochMs),
  );
}

/** The next `days` calendar dates (YYYY-MM-DD) in `timeZone`, starting today. */
export function dateStrip(now: number, timeZone: string, days = 7): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < days && i < days * 2; i++) {
    const key = localDateKey(now + i * 86_400_000, timeZone);
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

export function formatShowTime(epochMs: number, timeZone: string): string {
  return dateFormat("en-IN", { timeZone, hour: "numeric", minute: "2-digit", hour12: true }).format(
    new Date(epochMs),
  );
}

export function formatShowDate(epochMs: number, timeZone: string): string {
  return dateFormat("en-IN", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(
    new Date(epochMs),
  );
}

/** Label a YYYY-MM-DD key for the date strip ("Wed 25 Nov"). Noon UTC keeps the date stable. */
export function formatDateKey(key: string, intlLocale = "en-IN"): { weekday: string; day: string; month: string } {
  const d = new Date(`${key}T12:00:00Z`);
  const part = (o: Intl.DateTimeFormatOptions) => dateFormat(intlLocale, { timeZone: "UTC", ...o }).format(d);
  return { weekday: part({ weekday: "short" }), day: part({ day: "numeric" }), month: part({ month: "short" }) };
}

export function formatRuntime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h}h ${m}m` : `${m}m`;
}

/** Converts a wall-clock time in `timeZone` to UTC epoch ms (exact for zones without DST gaps at that moment). */
export function zonedTimeToUtc(dateKey: string, hhmm: string, timeZone: string): number {
  const guess = Date.parse(`${dateKey}T${hhmm}:00Z`);
  const offset = zoneOffsetMs(guess, timeZone);
  const first = guess - offset;
  const offset2 = zoneOffsetMs(first, timeZone);
  return guess - offset2;
}

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = dateFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The zone's short name as people there say it ("IST"), to label every time shown. */
export function zoneLabel(timeZone: string, at = Date.now()): string {
  const part = dateFormat("en-IN", { timeZone, timeZoneName: "short" }).formatToParts(new Date(at)).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** One instant as the console shows it, always with its zone: "Tue, 1 Dec 18:27 IST". */
export function formatInstant(epochMs: number, timeZone: string): string {
  const clock = dateFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(epochMs));
  return `${formatShowDate(epochMs, timeZone)} ${clock} ${zoneLabel(timeZone, epochMs)}`;
}

/** Minutes since local midnight in `timeZone` (for time-of-day filters). */
export function minutesOfDay(epochMs: number, timeZone: string): number {
  const parts = dateFormat("en-US", { timeZone, hourCycle: "h23", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(epochMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return get("hour") * 60 + get("minute");
}

/** A YYYY-MM-DD key as people write it ("Fri, 20 Nov 2026"), matching the showtime dates. */
export function formatHumanDate(key: string, intlLocale = "en-IN"): string {
  const d = new Date(`${key}T12:00:00Z`);
  if (intlLocale !== "en-IN") return dateFormat(intlLocale, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(d);
  const part = (o: Intl.DateTimeFormatOptions) => dateFormat("en-IN", { timeZone: "UTC", ...o }).format(d);
  return `${part({ weekday: "short" })}, ${part({ day: "numeric" })} ${part({ month: "short" })} ${part({ year: "numeric" })}`;
}

/**
 * True for a YYYY-MM-DD that names a real day. Date.parse rolls "2026-02-30" over to 2 March, so
 * the date is read back and must come out as it went in.
 */
export function isCalendarDate(key: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return false;
  const ms = Date.parse(`${key}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === key;
}
