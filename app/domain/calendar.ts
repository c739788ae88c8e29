import { dateFormat } from "./intl";
/**
 * An iCalendar (RFC 5545) event for a booking, in the cinema's time zone: DTSTART carries the
 * cinema's TZID and its local wall-clock time, with a VTIMEZONE giving that zone's offset at the
 * show, so a phone in another zone still shows the right instant.
 */
export type CalendarShow = {
  uid: string;
  title: string;
  startsAt: number;
  runtimeMinutes: number;
  timeZone: string;
  location: string;
  description: string;
  url: string;
  now: number;
};

function parts(epochMs: number, timeZone: string) {
  const fmt = dateFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const p = Object.fromEntries(fmt.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** Local wall-clock time "YYYYMMDDTHHMMSS" in `timeZone`. */
export function localStamp(epochMs: number, timeZone: string): string {
  const p = parts(epochMs, timeZone);
  return `${p.y}${p.mo}${p.d}T${p.h}${p.mi}${p.s}`;
}

function utcStamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** "+0530": the zone's offset from UTC at that instant. */
export function utcOffset(epochMs: number, timeZone: string): string {
  const p = parts(epochMs, timeZone);
  const asUtc = Date.UTC(Number(p.y), Number(p.mo) - 1, Number(p.d), Number(p.h), Number(p.mi), Number(p.s));
  const minutes = Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Escapes TEXT values (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets are folded (§3.1); an ASCII-safe approximation by characters. */
function fold(line: string): string {
  const out: string[] = [];
  for (let i = 0; i < line.length; i += 73) out.push((i ? " " : "") + line.slice(i, i + 73));
  return out.join("\r\n");
}

export function showIcs(show: CalendarShow): string {
  const offset = utcOffset(show.startsAt, show.timeZone);
  const end = show.startsAt + show.runtimeMinutes * 60_000;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Marquee//Tickets//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VTIMEZONE",
    `TZID:${show.timeZone}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    `UID:${show.uid}`,
    `DTSTAMP:${utcStamp(show.now)}`,
    `DTSTART;TZID=${show.timeZone}:${localStamp(show.startsAt, show.timeZone)}`,
    `DTEND;TZID=${show.timeZone}:${localStamp(end, show.timeZone)}`,
    `SUMMARY:${text(show.title)}`,
    `LOCATION:${text(show.location)}`,
    `DESCRIPTION:${text(show.description)}`,
    `URL:${show.url}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "TRIGGER:-PT1H",
    `DESCRIPTION:${text(show.title)}`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
