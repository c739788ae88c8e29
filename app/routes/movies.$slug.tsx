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
import { dateStrip, formatDateKey, formatHumanDate, formatRuntime, formatShowTime, localDateKey, minutesOfDay, zonedTimeToUtc } from "#app/domain/time";
import { parseTrailerUrl } from "#app/domain/trailer";
import { services } from "#app/utils/context.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { dateQuery, slugParam } from "#app/utils/params";
import { readCatalogueFilters } from "#app/catalogue/filters.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  data
    ? pageMeta({
        title: `${data.movie.title} — showtimes in ${data.city.name} — Marquee`,
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
  const sold = await seatsSoldFor(s.db, cached.rows.map((r) => r.id));
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

  return data(
    {
      movie: {
        slug: movie.slug,
        title: movie.title,
        synopsis: movie.synopsis,
        certificate: movie.certificate,
        languages: movie.languages,
        genres: movie.genres,
        runtime: formatRuntime(movie.runtimeMinutes),
        releaseDate: formatHumanDate(movie.releaseDate),
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
      dates: strip.map((key) => ({ key, ...formatDateKey(key), hasShows: rows.some((r) => localDateKey(r.startsAt, r.timeZone) === key) })),
      selected,
      asOf: formatShowTime(s.now, timeZone),
      cinemas: [...cinemas.values()],
    },
    { headers },
  );
}

export default function MoviePage() {
  const { movie, city, dates, selected, cinemas, filters, options, asOf } = useLoaderData<typeof loader>();
  return (
    <article>
      <div className="grid gap-6 sm:grid-cols-[200px_1fr]">
        <Poster slug={movie.slug} title={movie.title} version={movie.posterKey} className="max-w-[200px]" />
        <div>
          <h1 className="text-3xl font-bold">{movie.title}</h1>
          <p className="mt-2 text-slate-700">
            <span className="mr-2 rounded border border-slate-500 px-1.5 text-sm" title="Certificate">
              {movie.certificate}
            </span>
            {`${movie.runtime} · ${movie.genres.join(", ")} · ${movie.released ? "Released" : "Releases"} ${movie.releaseDate}`}
          </p>
          {movie.rating && (
            <p className="mt-1 font-semibold">
              <span aria-hidden>★ </span>
              {movie.rating}/10 <span className="font-normal text-slate-600">audience rating</span>
            </p>
          )}
          <p className="mt-1 text-slate-700">Languages: {movie.languages.join(", ")}</p>
          <p className="mt-4 max-w-prose">{movie.synopsis}</p>
          {(movie.cast.length > 0 || movie.crew.length > 0) && (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              {movie.cast.length > 0 && (
                <section aria-labelledby="cast-heading">
                  <h2 id="cast-heading" className="font-bold">
                    Cast
                  </h2>
                  <ul className="text-sm">
                    {movie.cast.map((c) => (
                      <li key={c.name}>
                        <Link to={`/search?q=${encodeURIComponent(c.name)}`} className="hover:underline">
                          {c.name}
                        </Link>
                        {c.character && <span className="text-slate-600"> as {c.character}</span>}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              {movie.crew.length > 0 && (
                <section aria-labelledby="crew-heading">
                  <h2 id="crew-heading" className="font-bold">
                    Crew
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
        <section className="mt-6 max-w-2xl" aria-label="Trailer">
          <TrailerFacade trailer={movie.trailer} title={movie.title} poster={movie.poster} />
        </section>
      )}

      <section className="mt-8" aria-labelledby="showtimes-heading">
        <h2 id="showtimes-heading" className="text-xl font-bold">
          Showtimes in {city.name}
        </h2>
        <DateStrip dates={dates} selected={selected} hrefFor={(key) => filterQuery(filters, { city: city.slug, date: key })} className="mt-3" />
        <FilterBar label="Filter showtimes" filters={filters} options={options} keep={{ city: city.slug, date: selected }} />
        {cinemas.length === 0 ? (
          <p className="mt-4 text-slate-700">{Object.values(filters).some(Boolean) ? "No shows match these filters on this date." : "No shows on this date. Try another day."}</p>
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
