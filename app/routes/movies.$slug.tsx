import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { Poster } from "#app/catalogue/poster";
import { ShowtimeChips } from "#app/catalogue/showtime-chips";
import { dateStrip, formatDateKey, formatRuntime, formatShowTime, localDateKey, zonedTimeToUtc } from "#app/domain/time";
import {
  getCityBySlug,
  getMovieBySlug,
  isBookable,
  listCities,
  showtimesOfMovieInCity,
} from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { citySlugQuery, dateQuery, slugParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.movie.title} — showtimes in ${data.city.name} — Marquee` : "Movie — Marquee" },
];

/** Every demo city is in India; a city's strip uses its cinemas' zone, defaulting to IST. */
const DEFAULT_TZ = "Asia/Kolkata";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const url = new URL(request.url);
  const slug = slugParam(params.slug);
  const citySlug = citySlugQuery(url);
  const requestedDate = dateQuery(url);

  const movie = await getMovieBySlug(s.db, slug);
  if (!movie) notFound("We couldn't find that movie.");
  const city = citySlug ? await getCityBySlug(s.db, citySlug) : (await listCities(s.db))[0];
  if (!city) notFound("We don't show movies in that city yet.");

  // Start of today in the city's zone, so shows earlier today still appear (greyed out).
  const today = localDateKey(s.now, DEFAULT_TZ);
  const from = zonedTimeToUtc(today, "00:00", DEFAULT_TZ);
  const rows = await showtimesOfMovieInCity(s.db, movie.id, city.id, from);
  const timeZone = rows[0]?.timeZone ?? DEFAULT_TZ;
  const strip = dateStrip(s.now, timeZone);
  const selected = requestedDate ?? strip.find((d) => rows.some((r) => localDateKey(r.startsAt, r.timeZone) === d)) ?? strip[0]!;
  if (!strip.includes(selected)) notFound("We only list shows for the next 7 days.");

  const cinemas = new Map<string, { slug: string; name: string; showtimes: Parameters<typeof ShowtimeChips>[0]["showtimes"] }>();
  for (const r of rows) {
    if (localDateKey(r.startsAt, r.timeZone) !== selected) continue;
    const entry = cinemas.get(r.cinemaId) ?? { slug: r.cinemaSlug, name: r.cinemaName, showtimes: [] };
    entry.showtimes.push({
      id: r.id,
      time: formatShowTime(r.startsAt, r.timeZone),
      format: r.format,
      language: r.language,
      bookable: isBookable(r.startsAt, r.status, s.now),
    });
    cinemas.set(r.cinemaId, entry);
  }

  return {
    movie: {
      slug: movie.slug,
      title: movie.title,
      synopsis: movie.synopsis,
      certificate: movie.certificate,
      languages: movie.languages,
      genres: movie.genres,
      runtime: formatRuntime(movie.runtimeMinutes),
      releaseDate: movie.releaseDate,
    },
    city: { slug: city.slug, name: city.name },
    dates: strip.map((key) => ({ key, ...formatDateKey(key), hasShows: rows.some((r) => localDateKey(r.startsAt, r.timeZone) === key) })),
    selected,
    cinemas: [...cinemas.values()],
  };
}

export default function MoviePage() {
  const { movie, city, dates, selected, cinemas } = useLoaderData<typeof loader>();
  return (
    <article>
      <div className="grid gap-6 sm:grid-cols-[200px_1fr]">
        <Poster slug={movie.slug} title={movie.title} className="max-w-[200px]" />
        <div>
          <h1 className="text-3xl font-bold">{movie.title}</h1>
          <p className="mt-2 text-slate-700">
            <span className="mr-2 rounded border border-slate-500 px-1.5 text-sm">{movie.certificate}</span>
            {movie.runtime} · {movie.genres.join(", ")} · Released {movie.releaseDate}
          </p>
          <p className="mt-1 text-slate-700">Languages: {movie.languages.join(", ")}</p>
          <p className="mt-4 max-w-prose">{movie.synopsis}</p>
        </div>
      </div>

      <section className="mt-8" aria-labelledby="showtimes-heading">
        <h2 id="showtimes-heading" className="text-xl font-bold">
          Showtimes in {city.name}
        </h2>
        <nav aria-label="Dates" className="mt-3 flex gap-2 overflow-x-auto pb-2">
          {dates.map((d) => (
            <Link
              key={d.key}
              to={`?city=${city.slug}&date=${d.key}`}
              aria-current={d.key === selected ? "date" : undefined}
              className={`min-w-16 rounded-md border px-3 py-2 text-center ${
                d.key === selected
                  ? "border-brand-600 bg-brand-600 text-white"
                  : d.hasShows
                    ? "border-slate-300 bg-white hover:border-brand-600"
                    : "border-slate-200 bg-slate-100 text-slate-500"
              }`}
            >
              <span className="block text-xs uppercase">{d.weekday}</span>
              <span className="block text-lg font-bold">{d.day}</span>
              <span className="block text-xs uppercase">{d.month}</span>
            </Link>
          ))}
        </nav>
        {cinemas.length === 0 ? (
          <p className="mt-4 text-slate-700">No shows on this date. Try another day.</p>
        ) : (
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
        )}
      </section>
    </article>
  );
}
