import { indexSeats } from "#app/domain/layout";
import type { SeatLayout } from "#app/domain/layout";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { priceSeats } from "#app/domain/pricing";
import { serverI18n } from "#app/i18n/locale.server";
import { localName, type Locale } from "#app/i18n/locales";
import type { I18n } from "#app/i18n/context";
import { posterSrc } from "./poster";
import { getShowtimeDetail, isBookable, type ShowtimeDetail } from "./queries.server";
import type { Services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { IsolateCache } from "#app/utils/isolate-cache.server";
import { tablesVersion } from "#app/utils/table-versions.server";

/** Loads a showtime for a page, or 404s. */
export async function loadShowtime(s: Services, showtimeId: string): Promise<ShowtimeDetail> {
  const detail = await getShowtimeDetail(s.db, showtimeId);
  if (!detail) notFound("We couldn't find that showtime.");
  return detail;
}

/**
 * How long an isolate reuses a showtime's catalogue facts (movie, screen layout, cinema, prices) on
 * the seat page: they change a few times in a show's life, and the page is viewed thousands of times
 * a minute when it opens. A copy is keyed by the version of the tables it was read from, so any
 * write to them in this isolate retires it at once (whichever code wrote), other isolates' copies
 * within the max age; the seat object, not this page, decides whether a hold is still allowed.
 */
export const SHOWTIME_FACTS_MAX_AGE_MS = 10_000;
const FACT_TABLES = ["showtimes", "movies", "screens", "cinemas", "cities"] as const;
const facts = new IsolateCache<string, { detail: ShowtimeDetail; version: number }>(1000);

/** `loadShowtime` for the hot seat page: at most one D1 read per isolate per showtime per max age. */
export async function loadShowtimeCached(s: Services, showtimeId: string): Promise<ShowtimeDetail> {
  const version = tablesVersion(FACT_TABLES);
  const hit = facts.get(showtimeId, s.now);
  if (hit && hit.version === version) return hit.detail;
  const detail = await loadShowtime(s, showtimeId);
  facts.set(showtimeId, { detail, version }, s.now + SHOWTIME_FACTS_MAX_AGE_MS);
  return detail;
}

type ParsedLayout = { layout: SeatLayout; key: string };
const parsedLayouts = { byRaw: new WeakMap<object, ParsedLayout>(), next: 0 };

function parsedLayout(detail: ShowtimeDetail): ParsedLayout {
  const raw = detail.screen.layout as object;
  let parsed = parsedLayouts.byRaw.get(raw);
  if (!parsed) parsedLayouts.byRaw.set(raw, (parsed = { layout: seatLayoutSchema.parse(raw), key: `L${++parsedLayouts.next}` }));
  return parsed;
}

/** The screen's layout, checked once per cached copy of the facts rather than on every page view. */
export function seatLayoutOf(detail: ShowtimeDetail): SeatLayout {
  return parsedLayout(detail).layout;
}

/** Names this copy of the layout in this isolate: a new copy (an operator's edit) gets a new name. */
export function layoutKeyOf(detail: ShowtimeDetail): string {
  return parsedLayout(detail).key;
}

/** What every showtime-related page shows in its header. */
/** "2h 30m" in the fan's language. */
export function runtimeText(i18n: I18n, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? i18n.t("runtime.hm", { h, m }) : i18n.t("runtime.m", { m });
}

/** The show's facts as a page shows them, in the fan's language (names the operator translated, Intl dates). */
export function showtimeHeader(detail: ShowtimeDetail, now: number, locale: Locale = "en") {
  const { showtime, movie, screen, cinema, city } = detail;
  const tz = cinema.timeZone;
  const i18n = serverI18n(locale);
  return {
    id: showtime.id,
    format: showtime.format,
    language: showtime.language,
    prices: showtime.prices,
    bookable: isBookable(showtime.startsAt, showtime.status, now),
    cancelled: showtime.status === "CANCELLED",
    when: i18n.dateTime(showtime.startsAt, tz),
    movie: { slug: movie.slug, title: localName(movie.title, movie.titles, locale), certificate: movie.certificate, runtime: runtimeText(i18n, movie.runtimeMinutes), poster: posterSrc(movie.slug, movie.posterKey) },
    cinema: { slug: cinema.slug, name: localName(cinema.name, cinema.names, locale) },
    city: { slug: city.slug },
    screen: { name: screen.name },
  };
}

/** The price of the given seats at this showtime, computed on the server only. */
export function priceHold(detail: ShowtimeDetail, seatIds: string[], feePerSeatPaise: number) {
  const layout = seatLayoutSchema.parse(detail.screen.layout);
  const index = indexSeats(layout);
  const seats = seatIds.map((id) => index.get(id)).filter((s) => s !== undefined);
  return priceSeats(seats, detail.showtime.prices, feePerSeatPaise);
}

/** Why a show takes no more bookings, as the seat page's notice code; null while it does. */
export function bookingClosedNotice(showtime: { status: string; startsAt: number }, now: number): "showtime_unavailable" | "showtime_started" | null {
  if (isBookable(showtime.startsAt, showtime.status, now)) return null;
  return showtime.status === "SCHEDULED" ? "showtime_started" : "showtime_unavailable";
}
