import type { LocalizedNames } from "#app/i18n/locales";
import { and, asc, count, eq, gt, gte, lt, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { bookingSeats, cinemas, cities, movies, screens, showtimes } from "#app/db/schema.server";
import { countSeats, type SeatLayout } from "#app/domain/layout";
import { findOverlap, overlapSearchWindow } from "#app/domain/showtime-overlap";
import type { Db } from "#app/utils/db.server";
import type { Services } from "#app/utils/context.server";
import { randomId } from "#app/utils/crypto.server";
import type { SessionUser } from "#app/auth/session.server";
import { auditEntry, scopeWhere, type Scope } from "./guard.server";
import { slugify, type cinemaDetailsSchema, type cinemaSchema, type citySchema, type movieSchema } from "./validation";

type Actor = Pick<SessionUser, "id">;

/** Catalogue reads and writes for the operator console (the customer side reads catalogue.server.ts). */

/**
 * A free slug: "orbit-zero", else "orbit-zero-2", "orbit-zero-3", … The suffixed ones are found by
 * a range ("orbit-zero-" < slug < "orbit-zero.", as "." follows "-"), not a LIKE pattern: D1 refuses
 * patterns over 50 bytes, and a pattern should never be built from what someone typed.
 */
export async function freeSlug(db: Db, table: typeof movies | typeof cinemas | typeof cities, base: string): Promise<string> {
  const root = slugify(base);
  const rows = await db
    .select({ slug: table.slug })
    .from(table)
    .where(or(eq(table.slug, root), and(gt(table.slug, `${root}-`), lt(table.slug, `${root}.`))))
    .all();
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(root)) return root;
  for (let i = 2; ; i++) if (!taken.has(`${root}-${i}`)) return `${root}-${i}`;
}

export async function listMoviesForAdmin(db: Db) {
  return db.select().from(movies).orderBy(asc(movies.status), asc(movies.title)).all();
}

export async function listCinemasForAdmin(db: Db, scope: Scope) {
  const rows = await db
    .select({ cinema: cinemas, city: cities, screens: count(screens.id) })
    .from(cinemas)
    .innerJoin(cities, eq(cities.id, cinemas.cityId))
    .leftJoin(screens, eq(screens.cinemaId, cinemas.id))
    .where(scopeWhere(scope, cinemas.id))
    .groupBy(cinemas.id)
    .orderBy(asc(cities.name), asc(cinemas.name))
    .all();
  return rows;
}

export async function getCinemaForAdmin(db: Db, cinemaId: string) {
  const found = await db.select({ cinema: cinemas, city: cities }).from(cinemas).innerJoin(cities, eq(cities.id, cinemas.cityId)).where(eq(cinemas.id, cinemaId)).get();
  if (!found) return null;
  const screenRows = await db.select().from(screens).where(eq(screens.cinemaId, cinemaId)).orderBy(asc(screens.name)).all();
  return { ...found, screens: screenRows };
}

export async function getScreenForAdmin(db: Db, screenId: string) {
  return db.select({ screen: screens, cinema: cinemas }).from(screens).innerJoin(cinemas, eq(cinemas.id, screens.cinemaId)).where(eq(screens.id, screenId)).get();
}

/** SQL for "some showtime on this screen has a sold seat": the layout lock. */
function soldOnScreen(screenId: string) {
  return sql`EXISTS (SELECT 1 FROM booking_seats bs JOIN showtimes st ON st.id = bs.showtime_id WHERE st.screen_id = ${screenId} AND bs.status = 'CONFIRMED')`;
}

export async function screenHasSales(db: Db, screenId: string): Promise<boolean> {
  const row = await db
    .select({ one: sql<number>`1` })
    .from(bookingSeats)
    .innerJoin(showtimes, eq(showtimes.id, bookingSeats.showtimeId))
    .where(and(eq(showtimes.screenId, screenId), eq(bookingSeats.status, "CONFIRMED")))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Scheduled, not yet started showtimes on the screen: the ones a layout change reaches. */
export async function upcomingShowtimesOnScreen(db: Db, screenId: string, now: number) {
  return db
    .select({ id: showtimes.id, prices: showtimes.prices, startsAt: showtimes.startsAt })
    .from(showtimes)
    .where(and(eq(showtimes.screenId, screenId), eq(showtimes.status, "SCHEDULED"), gte(showtimes.startsAt, now)))
    .orderBy(asc(showtimes.startsAt))
    .all();
}

export type LayoutSaveResult = { ok: true } | { ok: false; reason: "sold" | "unpriced"; message: string };

/**
 * Saves a screen's layout unless any of its showtimes has sold a seat. The check and the write are
 * one statement, so a sale landing between "page loaded" and "saved" still locks the layout.
 */
export async function saveScreenLayout(db: Db, screenId: string, name: string, layout: SeatLayout, now: number): Promise<LayoutSaveResult> {
  const upcoming = await upcomingShowtimesOnScreen(db, screenId, now);
  const codes = layout.categories.map((c) => c.code).filter((code) => layout.rows.some((r) => r.category === code));
  const unpriced = upcoming.filter((st) => codes.some((c) => st.prices[c] === undefined));
  if (unpriced.length) {
    return {
      ok: false,
      reason: "unpriced",
      message: `${unpriced.length} scheduled showtime${unpriced.length === 1 ? " has" : "s have"} no price for ${codes.filter((c) => unpriced.some((st) => st.prices[c] === undefined)).join(", ")}. Use the categories those showtimes are priced for, or cancel them first.`,
    };
  }
  const result = await db
    .update(screens)
    .set({ name, layout, seatCount: countSeats(layout) })
    .where(and(eq(screens.id, screenId), sql`NOT ${soldOnScreen(screenId)}`));
  if (result.meta.changes === 0) {
    return { ok: false, reason: "sold", message: "Seats have been sold on this screen, so its layout is locked: customers hold tickets for these seats." };
  }
  return { ok: true };
}

export async function renameScreen(db: Db, screenId: string, name: string) {
  await db.update(screens).set({ name }).where(eq(screens.id, screenId));
}

export type OverlapRefusal = { id: string; startsAt: number; movieTitle: string };

/**
 * The showtime the candidate would collide with on its screen (scheduled shows only), using each
 * show's runtime plus the cleaning buffer. Plain rule in app/domain/showtime-overlap.ts.
 */
export async function overlappingShowtime(
  db: Db,
  candidate: { id: string; screenId: string; startsAt: number; runtimeMinutes: number },
  bufferMinutes: number,
): Promise<OverlapRefusal | null> {
  const longest = await db.select({ max: sql<number>`coalesce(max(${movies.runtimeMinutes}), 0)` }).from(movies).get();
  const window = overlapSearchWindow(candidate.startsAt, candidate.runtimeMinutes, bufferMinutes, Math.max(longest?.max ?? 0, candidate.runtimeMinutes));
  const nearby = await db
    .select({ id: showtimes.id, startsAt: showtimes.startsAt, runtimeMinutes: movies.runtimeMinutes, movieTitle: movies.title })
    .from(showtimes)
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .where(
      and(
        eq(showtimes.screenId, candidate.screenId),
        eq(showtimes.status, "SCHEDULED"),
        ne(showtimes.id, candidate.id),
        gte(showtimes.startsAt, window.from),
        lt(showtimes.startsAt, window.to),
      ),
    )
    .all();
  const hit = findOverlap(candidate, nearby, bufferMinutes);
  return hit ? nearby.find((n) => n.id === hit.id)! : null;
}

// Movies

export async function getMovieForAdmin(db: Db, movieId: string) {
  return db.select().from(movies).where(eq(movies.id, movieId)).get();
}

export async function movieExists(db: Db, movieId: string): Promise<boolean> {
  return !!(await db.select({ id: movies.id }).from(movies).where(eq(movies.id, movieId)).get());
}

export async function moviePosterKey(db: Db, movieId: string): Promise<string | null> {
  return (await db.select({ posterKey: movies.posterKey }).from(movies).where(eq(movies.id, movieId)).get())?.posterKey ?? null;
}

/** The form's per-language title fields as the row's `titles` (an empty field: no title in that language). */
function movieRow({ titleHi, titleKn, ...rest }: z.infer<typeof movieSchema>) {
  const titles: LocalizedNames = { ...(titleHi ? { hi: titleHi } : {}), ...(titleKn ? { kn: titleKn } : {}) };
  return { ...rest, titles };
}

/** A new movie, ACTIVE, on a free slug from its title; audited. Returns its id. */
export async function createMovie(s: Services, actor: Actor, input: z.infer<typeof movieSchema>): Promise<string> {
  const id = `mov-${randomId(9)}`;
  const slug = await freeSlug(s.db, movies, input.title);
  await s.db.batch([s.db.insert(movies).values({ id, slug, ...movieRow(input), status: "ACTIVE" }), auditEntry(s, actor, "movie.create", id, { title: input.title })]);
  return id;
}

/** The slug stays: it is in customers' links and bookmarks. */
export async function updateMovie(s: Services, actor: Actor, movieId: string, input: z.infer<typeof movieSchema>) {
  await s.db.batch([s.db.update(movies).set(movieRow(input)).where(eq(movies.id, movieId)), auditEntry(s, actor, "movie.update", movieId, { title: input.title })]);
}

export async function setMovieStatus(s: Services, actor: Actor, movieId: string, intent: "archive" | "restore") {
  const status = intent === "archive" ? "ARCHIVED" : "ACTIVE";
  await s.db.batch([s.db.update(movies).set({ status }).where(eq(movies.id, movieId)), auditEntry(s, actor, `movie.${intent}`, movieId)]);
}

/** Active movies for the new-showtime picker, by title. */
export async function listActiveMoviesForPicker(db: Db) {
  return db.select({ id: movies.id, title: movies.title, runtime: movies.runtimeMinutes, languages: movies.languages }).from(movies).where(eq(movies.status, "ACTIVE")).orderBy(asc(movies.title)).all();
}

// Cities and cinemas

export async function listCities(db: Db) {
  return db.select().from(cities).orderBy(asc(cities.name)).all();
}

export async function cityExists(db: Db, cityId: string): Promise<boolean> {
  return !!(await db.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId)).get());
}

/** A new city on a free slug; audited. Returns its id. */
export async function createCity(s: Services, actor: Actor, input: z.infer<typeof citySchema>): Promise<string> {
  const id = `city-${randomId(6)}`;
  const slug = await freeSlug(s.db, cities, input.name);
  await s.db.batch([s.db.insert(cities).values({ id, slug, ...input }), auditEntry(s, actor, "city.create", id, input)]);
  return id;
}

/** A new cinema on a free slug; audited. Returns its id. */
export async function createCinema(s: Services, actor: Actor, input: z.infer<typeof cinemaSchema>): Promise<string> {
  const id = `cin-${randomId(6)}`;
  const slug = await freeSlug(s.db, cinemas, input.name);
  await s.db.batch([s.db.insert(cinemas).values({ id, slug, ...input }), auditEntry(s, actor, "cinema.create", id, { name: input.name, timeZone: input.timeZone })]);
  return id;
}

export async function cinemaExists(db: Db, cinemaId: string): Promise<boolean> {
  return !!(await db.select({ id: cinemas.id }).from(cinemas).where(eq(cinemas.id, cinemaId)).get());
}

/**
 * Changes a cinema's columns and audits it in one batch: "cinema.details" for the manager's
 * phone/amenities/access, "cinema.update" for Marquee's name, address and zone.
 */
export async function updateCinema(
  s: Services,
  actor: Actor,
  cinemaId: string,
  change: { action: "cinema.details"; details: z.infer<typeof cinemaDetailsSchema> } | { action: "cinema.update"; details: Omit<z.infer<typeof cinemaSchema>, "cityId"> },
) {
  await s.db.batch([s.db.update(cinemas).set(change.details).where(eq(cinemas.id, cinemaId)), auditEntry(s, actor, change.action, cinemaId, change.details)]);
}

/** A new screen at a cinema with the given layout; audited. Returns its id. */
export async function createScreen(s: Services, actor: Actor, cinemaId: string, name: string, layout: SeatLayout): Promise<string> {
  const id = `scr-${randomId(6)}`;
  await s.db.batch([
    s.db.insert(screens).values({ id, cinemaId, name, layout, seatCount: countSeats(layout) }),
    auditEntry(s, actor, "screen.create", id, { cinemaId, name }),
  ]);
  return id;
}

// Screens and showtimes

/** The screens in scope, by cinema then screen name, for the new-showtime picker. */
export async function listScreensForAdmin(db: Db, scope: Scope) {
  return db
    .select({ id: screens.id, name: screens.name, cinemaName: cinemas.name })
    .from(screens)
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(scopeWhere(scope, cinemas.id))
    .orderBy(asc(cinemas.name), asc(screens.name))
    .all();
}

export type NewShowtime = { id: string; movieId: string; screenId: string; startsAt: number; format: string; language: string; prices: Record<string, number> };

/**
 * Schedules a show unless it overlaps another on its screen (runtime plus the cleaning buffer):
 * the clash it would have, or null once it is in. D1 has no transactions: if another operator scheduled
 * into the same slot at the same moment, the re-check after the insert sees both and ours steps back.
 */
export async function scheduleShowtime(
  db: Db,
  show: NewShowtime,
  runtimeMinutes: number,
  bufferMinutes: number,
): Promise<OverlapRefusal | null> {
  const candidate = { id: show.id, screenId: show.screenId, startsAt: show.startsAt, runtimeMinutes };
  const clash = await overlappingShowtime(db, candidate, bufferMinutes);
  if (clash) return clash;
  await db.insert(showtimes).values({ ...show, status: "SCHEDULED" });
  const late = await overlappingShowtime(db, candidate, bufferMinutes);
  if (late) {
    await db.delete(showtimes).where(eq(showtimes.id, show.id));
    return late;
  }
  return null;
}
