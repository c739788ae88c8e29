import { runtimeText } from "#app/catalogue/showtime-page.server";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { INTL_LOCALE, localName } from "#app/i18n/locales";
import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { DateStrip } from "#app/catalogue/date-strip";
import { Link, useLoaderData } from "react-router";
import { toChip } from "#app/catalogue/chips.server";
import { resolveCity } from "#app/catalogue/city.server";
import { FilterBar } from "#app/catalogue/filter-bar";
import { pageMeta } from "#app/catalogue/meta";
import { Poster, posterSrc } from "#app/catalogue/poster";
import { cachedCatalogueRead } from "#app/catalogue/edge-cache.server";
import { getMovieBySlug, isBookable, seatsSoldFor, showtimesOfMovieInCity } from "#app/catalogue/queries.server";
import { AvailabilityNote, ShowtimeChips, type ShowtimeChip } from "#app/catalogue/showtime-chips";
import { TrailerFacade } from "#app/catalogue/trailer-facade";
import { showMatches, filterQuery } from "#app/domain/catalogue-filters";
import { castAndCrew } from "#app/domain/credits";
import { dateStrip, formatDateKey, formatHumanDate, localDateKey, minutesOfDay, zonedTimeToUtc } from "#app/domain/time";
import { parseTrailerUrl } from "#app/domain/trailer";
import { services } from "#app/utils/context.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { dateQuery, slugParam } from "#app/utils/params";
import { readCatalogueFilters } from "#app/catalogue/filters.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  data
    ? pageMeta({
        title: data.metaTitle,
        description: `${data.movie.title} (${data.movie.certificate}, ${data.movie.runtime}, ${data.movie.languages.join("/")}): ${data.movie.synopsis}`.slice(0, 200),
        origin: data.origin,
        path: location.pathname,
        image: data.movie.poster,
        type: "video.movie",
      })
    : [{ title: "Movie — Marquee" }];

/** Every demo city is in India; a city's strip uses its cinemas' zone, defaulting to IST. */
const DEFAULT_TZ = "Asia/Kolkata";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const url = new URL(request.url);
  const slug = slugParam(params.slug);
  const requestedDate = dateQuery(url);
  const parsed = await readCatalogueFilters(s.db, url.searchParams);
  if (!parsed.ok) badRequest(parsed.message);
  const filters = parsed.filters;

  const { city, headers } = await resolveCity(s, request, url);
  const i18n = requestI18n(request);
  // Start of today in the city's zone, so shows earlier today still appear (greyed out).
  const today = localDateKey(s.now, DEFAULT_TZ);
  const from = zonedTimeToUtc(today, "00:00", DEFAULT_TZ);
  const cached = await cachedCatalogueRead(s, `movie:${slug}:${city.id}:${from}`, async () => {
    const movie = await getMovieBySlug(s.db, slug);
    return movie ? { movie, rows: await showtimesOfMovieInCity(s.db, movie.id, city.id, from) } : null;
  });
  if (!cached) notFound("We couldn't find that movie.");
  const { movie } = cached;
  // Availability is never served from the cache: the counter is read fresh for these shows.
  const sold = await seatsSoldFor(s.env, cached.rows.map((r) => r.id));
  const all = cached.rows.map((r) => ({ ...r, seatsSold: sold.get(r.id) ?? 0 }));
  const rows = all.filter((r) => showMatches({ ...r, minutesOfDay: minutesOfDay(r.startsAt, r.timeZone) }, filters));
  const timeZone = rows[0]?.timeZone ?? DEFAULT_TZ;
  const strip = dateStrip(s.now, timeZone);
  // Land on the first day a fan can still book, not on today when today's last show has started.
  const dayWith = (bookableOnly: boolean) =>
    strip.find((d) => rows.some((r) => localDateKey(r.startsAt, r.timeZone) === d && (!bookableOnly || isBookable(r.startsAt, r.status, s.now))));
  const selected = requestedDate ?? dayWith(true) ?? dayWith(false) ?? strip[0]!;
  if (!strip.includes(selected)) notFound("We only list shows for the next 7 days.");

  const cinemas = new Map<string, { slug: string; name: string; showtimes: ShowtimeChip[] }>();
  for (const r of rows) {
    if (localDateKey(r.startsAt, r.timeZone) !== selected) continue;
    const entry = cinemas.get(r.cinemaId) ?? { slug: r.cinemaSlug, name: r.cinemaName, showtimes: [] };
    entry.showtimes.push(toChip(r, r.timeZone, s.now));
    cinemas.set(r.cinemaId, entry);
  }
  const { cast, crew } = castAndCrew(movie.credits);
  const trailer = movie.trailerUrl ? parseTrailerUrl(movie.trailerUrl) : null;
  const sorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));

  const title = localName(movie.title, movie.titles, i18n.locale);
  return data(
    {
      metaTitle: i18n.t("movie.metaTitle", { movie: title, city: city.name }),
      movie: {
        slug: movie.slug,
        title,
        synopsis: movie.synopsis,
        certificate: movie.certificate,
        languages: movie.languages,
        genres: movie.genres,
        runtime: runtimeText(i18n, movie.runtimeMinutes),
        releaseDate: formatHumanDate(movie.releaseDate, INTL_LOCALE[i18n.locale]),
        released: movie.releaseDate <= today,
        rating: movie.ratingTenths === null ? null : (movie.ratingTenths / 10).toFixed(1),
        posterKey: movie.posterKey,
        poster: posterSrc(movie.slug, movie.posterKey),
        cast,
        crew,
        trailer,
      },
      origin: s.config.APP_ORIGIN,
      city: { slug: city.slug, name: city.name },
      filters,
      options: { lang: sorted(all.map((r) => r.language)), format: sorted(all.map((r) => r.format)) },
      dates: strip.map((key) => ({ key, ...formatDateKey(key, INTL_LOCALE[i18n.locale]), hasShows: rows.some((r) => localDateKey(r.startsAt, r.timeZone) === key) })),
      selected,
      asOf: i18n.time(s.now, timeZone),
      cinemas: [...cinemas.values()],
    },
    { headers },
  );
}

export default function MoviePage() {
  const { movie, city, dates, selected, cinemas, filters, options, asOf } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article>
      <div className="grid gap-6 sm:grid-cols-[200px_1fr]">
        <Poster slug={movie.slug} title={movie.title} version={movie.posterKey} sizes="200px" className="max-w-[200px]" />
        <div>
          <h1 className="text-3xl font-bold">{movie.title}</h1>
          <p className="mt-2 text-slate-700">
            <span className="mr-2 rounded border border-slate-500 px-1.5 text-sm" title={t("movie.certificate")}>
              {movie.certificate}
            </span>
            {t("movie.facts", { runtime: movie.runtime, genres: movie.genres.join(", "), released: movie.released ? "yes" : "no", date: movie.releaseDate })}
          </p>
          {movie.rating && (
            <p className="mt-1 font-semibold">
              <span aria-hidden>★ </span>
              {t("movie.rating", { rating: movie.rating })}
            </p>
          )}
          <p className="mt-1 text-slate-700">{t("movie.languages", { languages: movie.languages.join(", ") })}</p>
          <p className="mt-4 max-w-prose">{movie.synopsis}</p>
          {(movie.cast.length > 0 || movie.crew.length > 0) && (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              {movie.cast.length > 0 && (
                <section aria-labelledby="cast-heading">
                  <h2 id="cast-heading" className="font-bold">
                    {t("movie.cast")}
                  </h2>
                  <ul className="text-sm">
                    {movie.cast.map((c) => (
                      <li key={c.name}>
                        <Link to={`/search?q=${encodeURIComponent(c.name)}`} className="hover:underline">
                          {c.character ? t("movie.as", { name: c.name, character: c.character }) : c.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              {movie.crew.length > 0 && (
                <section aria-labelledby="crew-heading">
                  <h2 id="crew-heading" className="font-bold">
                    {t("movie.crew")}
                  </h2>
                  <ul className="text-sm">
                    {movie.crew.map((c) => (
                      <li key={`${c.role}-${c.name}`}>
                        <span className="text-slate-600">{c.role}: </span>
                        <Link to={`/search?q=${encodeURIComponent(c.name)}`} className="hover:underline">
                          {c.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </div>
          )}
        </div>
      </div>
      {movie.trailer && (
        <section className="mt-6 max-w-2xl" aria-label={t("movie.trailer")}>
          <TrailerFacade trailer={movie.trailer} title={movie.title} poster={movie.poster} />
        </section>
      )}

      <section className="mt-8" aria-labelledby="showtimes-heading">
        <h2 id="showtimes-heading" className="text-xl font-bold">
          {t("movie.showtimesIn", { city: city.name })}
        </h2>
        <DateStrip dates={dates} selected={selected} hrefFor={(key) => filterQuery(filters, { city: city.slug, date: key })} className="mt-3" />
        <FilterBar label={t("movie.filter")} filters={filters} options={options} keep={{ city: city.slug, date: selected }} />
        {cinemas.length === 0 ? (
          <p className="mt-4 text-slate-700">{t(Object.values(filters).some(Boolean) ? "movie.noMatch" : "movie.noShows")}</p>
        ) : (
          <>
            <ul className="mt-4 space-y-4">
              {cinemas.map((c) => (
                <li key={c.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                  <h3 className="font-semibold">
                    <Link to={`/cinemas/${c.slug}`} className="hover:underline">
                      {c.name}
                    </Link>
                  </h3>
                  <ShowtimeChips showtimes={c.showtimes} />
                </li>
              ))}
            </ul>
            <AvailabilityNote asOf={asOf} />
          </>
        )}
      </section>
    </article>
  );
}
