import { sql } from "drizzle-orm";
import type { Credit } from "#app/domain/credits";
import { fuzzyFind } from "#app/domain/fuzzy-search";
import type { SearchQuery } from "#app/domain/search-query";
import type { Db } from "#app/utils/db.server";
import { localName, type Locale, type LocalizedNames } from "#app/i18n/locales";

export type SearchHit = {
  slug: string;
  title: string;
  certificate: string;
  releaseDate: string;
  genres: string[];
  posterKey: string | null;
  /** Why it matched, for the suggestion's second line ("Cast: Priya Rao"). */
  hint: string | null;
};

type Row = { slug: string; title: string; titles: string; certificate: string; release_date: string; genres: string; credits: string; poster_key: string | null; score: number };

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const words = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
const prefixHit = (text: string, terms: string[]) => {
  const w = words(text);
  return terms.some((t) => w.some((x) => x.startsWith(fold(t))));
};

/**
 * Active movies matching every term as a word prefix in title, credited names or genres, best
 * first: title matches, then FTS5's bm25 with title weighted over people over genres. A title is
 * any of the film's names (English, Hindi, Kannada); hits show the name in the fan's `locale`.
 */
export async function searchMovies(db: Db, q: SearchQuery, limit: number, locale: Locale = "en"): Promise<SearchHit[]> {
  if (!q.match) return [];
  const rows = await db.all<Row>(sql`
    SELECT m.slug, m.title, m.titles, m.certificate, m.release_date, m.genres, m.credits, m.poster_key,
           bm25(movie_search, 10.0, 4.0, 1.0) AS score
    FROM movie_search JOIN movies m ON m.rowid = movie_search.rowid
    WHERE movie_search MATCH ${q.match} AND m.status = 'ACTIVE'
    ORDER BY score LIMIT ${limit * 3}`);
  const hits = rows.map((r) => {
    const credits = JSON.parse(r.credits) as Credit[];
    const genres = JSON.parse(r.genres) as string[];
    const titles = JSON.parse(r.titles) as LocalizedNames;
    const names = [r.title, ...Object.values(titles)].join(" ");
    const titleHit = q.terms.every((t) => prefixHit(names, [t]));
    const person = titleHit ? undefined : credits.find((c) => prefixHit(c.name, q.terms));
    const genre = titleHit || person ? undefined : genres.find((g) => prefixHit(g, q.terms));
    const hint = person ? `${person.role}: ${person.name}` : genre ? `Genre: ${genre}` : null;
    return { hit: { slug: r.slug, title: localName(r.title, titles, locale), certificate: r.certificate, releaseDate: r.release_date, genres, posterKey: r.poster_key, hint }, titleHit, score: r.score };
  });
  hits.sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || a.score - b.score || a.hit.title.localeCompare(b.hit.title));
  if (hits.length) return hits.slice(0, limit).map((h) => h.hit);
  return typoTolerant(db, q, limit);
}

/**
 * Nothing matched exactly: perhaps a typo. The active catalogue is a few hundred films at most, so
 * its titles and names are read in one query and matched allowing one or two typos a word
 * (app/domain/fuzzy-search.ts). Runs only when the exact search found nothing.
 */
async function typoTolerant(db: Db, q: SearchQuery, limit: number): Promise<SearchHit[]> {
  const rows = await db.all<Omit<Row, "score">>(sql`
    SELECT slug, title, certificate, release_date, genres, credits, poster_key FROM movies WHERE status = 'ACTIVE'`);
  const docs = rows.map((r) => ({ item: r, title: r.title, names: (JSON.parse(r.credits) as Credit[]).map((c) => c.name) }));
  return fuzzyFind(q.terms, docs, limit).map(({ item: r, matchedName }) => {
    const credits = JSON.parse(r.credits) as Credit[];
    const person = matchedName ? credits.find((c) => c.name === matchedName) : undefined;
    return {
      slug: r.slug,
      title: r.title,
      certificate: r.certificate,
      releaseDate: r.release_date,
      genres: JSON.parse(r.genres) as string[],
      posterKey: r.poster_key,
      hint: person ? `${person.role}: ${person.name}` : null,
    };
  });
}
