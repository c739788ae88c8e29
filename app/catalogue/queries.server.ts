import { and, asc, eq, gt, gte, lt, sql } from "drizzle-orm";
import { cinemas, cities, movies, screens, showtimes, showtimeSales } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import { allSales, type ShardEnv } from "#app/db/shards.server";

/** How far ahead the catalogue looks: the 7-day strip plus a day of slack for time zones. */
export const LOOKAHEAD_MS = 8 * 24 * 60 * 60 * 1000;
/** A showtime stays bookable until it starts. */
export function isBookable(startsAt: number, status: string, now: number): boolean {
  return status === "SCHEDULED" && startsAt > now;
}

export async function listCities(db: Db) {
  return db.select().from(cities).orderBy(asc(cities.name)).all();
}

export async function getCityBySlug(db: Db, slug: string) {
  return db.select().from(cities).where(eq(cities.slug, slug)).get();
}

/** Movies with at least one bookable showtime in the city in the coming week. */
export async function moviesShowingInCity(db: Db, cityId: string, now: number) {
  const rows = await db
    .selectDistinct({ movie: movies })
    .from(showtimes)
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(
      and(
        eq(cinemas.cityId, cityId),
        eq(showtimes.status, "SCHEDULED"),
        eq(movies.status, "ACTIVE"),
        gte(showtimes.startsAt, now),
        lt(showtimes.startsAt, now + LOOKAHEAD_MS),
      ),
    )
    .all();
  return rows.map((r) => r.movie).sort((a, b) => b.releaseDate.localeCompare(a.releaseDate) || a.title.localeCompare(b.title));
}

/** Bookable showtimes in a city over the lookahead, with what the "now showing" filters test. */
export async function showtimesInCity(db: Db, cityId: string, now: number) {
  return db
    .select({
      movieId: showtimes.movieId,
      startsAt: showtimes.startsAt,
      format: showtimes.format,
      language: showtimes.language,
      prices: showtimes.prices,
      timeZone: cinemas.timeZone,
    })
    .from(showtimes)
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(and(eq(cinemas.cityId, cityId), eq(showtimes.status, "SCHEDULED"), gte(showtimes.startsAt, now), lt(showtimes.startsAt, now + LOOKAHEAD_MS)))
    .all();
}

/** The city's cinemas, by name, for browsing from the home page. */
export async function cinemasInCity(db: Db, cityId: string) {
  return db.select({ slug: cinemas.slug, name: cinemas.name, names: cinemas.names, address: cinemas.address }).from(cinemas).where(eq(cinemas.cityId, cityId)).orderBy(asc(cinemas.name)).all();
}

export async function getMovieBySlug(db: Db, slug: string) {
  return db.select().from(movies).where(eq(movies.slug, slug)).get();
}

/** Active movies not yet released (today's date key in the city's zone): "coming soon". */
export async function comingSoon(db: Db, todayKey: string) {
  return db
    .select()
    .from(movies)
    .where(and(eq(movies.status, "ACTIVE"), gt(movies.releaseDate, todayKey)))
    .orderBy(asc(movies.releaseDate), asc(movies.title))
    .all();
}

/**
 * What a showtime chip needs: price (JSON, per category) and capacity; seats sold come from
 * `seatsSoldFor`, the `showtime_sales` counter each booking database keeps in step with its sales
 * (ADR 031), so a page view never wakes a showtime's Durable Object.
 */
const showtimeListing = {
  id: showtimes.id,
  startsAt: showtimes.startsAt,
  format: showtimes.format,
  language: showtimes.language,
  status: showtimes.status,
  prices: showtimes.prices,
  seatCount: screens.seatCount,
  screenName: screens.name,
  cinemaId: cinemas.id,
  cinemaSlug: cinemas.slug,
  cinemaName: cinemas.name,
  timeZone: cinemas.timeZone,
};

/** Showtimes of a movie in a city from the start of today (cinema time) through the lookahead. */
export async function showtimesOfMovieInCity(db: Db, movieId: string, cityId: string, from: number) {
  return db
    .select(showtimeListing)
    .from(showtimes)
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(
      and(
        eq(showtimes.movieId, movieId),
        eq(cinemas.cityId, cityId),
        gte(showtimes.startsAt, from),
        lt(showtimes.startsAt, from + LOOKAHEAD_MS),
      ),
    )
    .orderBy(asc(cinemas.name), asc(showtimes.startsAt))
    .all();
}

export async function getCinemaBySlug(db: Db, slug: string) {
  return db
    .select({ cinema: cinemas, city: cities })
    .from(cinemas)
    .innerJoin(cities, eq(cities.id, cinemas.cityId))
    .where(eq(cinemas.slug, slug))
    .get();
}

export async function showtimesAtCinema(db: Db, cinemaId: string, from: number) {
  return db
    .select({ ...showtimeListing, movieSlug: movies.slug, movieTitle: movies.title, movieTitles: movies.titles, certificate: movies.certificate })
    .from(showtimes)
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .where(and(eq(cinemas.id, cinemaId), eq(movies.status, "ACTIVE"), gte(showtimes.startsAt, from), lt(showtimes.startsAt, from + LOOKAHEAD_MS)))
    .orderBy(asc(movies.title), asc(showtimes.startsAt))
    .all();
}

export async function getShowtimeDetail(db: Db, showtimeId: string) {
  return db
    .select({ showtime: showtimes, movie: movies, screen: screens, cinema: cinemas, city: cities })
    .from(showtimes)
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .innerJoin(cities, eq(cities.id, cinemas.cityId))
    .where(eq(showtimes.id, showtimeId))
    .get();
}

export type ShowtimeDetail = NonNullable<Awaited<ReturnType<typeof getShowtimeDetail>>>;

/**
 * Seats sold for these showtimes, fresh from the counters: one read per booking database, in
 * parallel (a show's sales are in its cinema's shard only, ADR 031), one bound parameter however many ids.
 */
export async function seatsSoldFor(env: ShardEnv, showtimeIds: string[]): Promise<Map<string, number>> {
  if (!showtimeIds.length) return new Map();
  const perShard = await Promise.all(
    allSales(env).map(({ db }) =>
      db
        .select({ id: showtimeSales.showtimeId, sold: showtimeSales.seatsSold })
        .from(showtimeSales)
        .where(sql`${showtimeSales.showtimeId} IN (SELECT value FROM json_each(${JSON.stringify(showtimeIds)}))`)
        .all(),
    ),
  );
  return new Map(perShard.flat().map((r) => [r.id, r.sold]));
}
