import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { ShowtimeChips, type ShowtimeChip } from "#app/catalogue/showtime-chips";
import { formatShowDate, formatShowTime, localDateKey, zonedTimeToUtc } from "#app/domain/time";
import { getCinemaBySlug, isBookable, showtimesAtCinema } from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { slugParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.cinema.name} — Marquee` : "Cinema — Marquee" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const found = await getCinemaBySlug(s.db, slugParam(params.slug));
  if (!found) notFound("We couldn't find that cinema.");
  const { cinema, city } = found;
  const from = zonedTimeToUtc(localDateKey(s.now, cinema.timeZone), "00:00", cinema.timeZone);
  const rows = await showtimesAtCinema(s.db, cinema.id, from);
  const days = new Map<string, { label: string; movies: Map<string, { slug: string; title: string; certificate: string; showtimes: ShowtimeChip[] }> }>();
  for (const r of rows) {
    const key = localDateKey(r.startsAt, cinema.timeZone);
    const day = days.get(key) ?? { label: formatShowDate(r.startsAt, cinema.timeZone), movies: new Map() };
    const movie = day.movies.get(r.movieSlug) ?? { slug: r.movieSlug, title: r.movieTitle, certificate: r.certificate, showtimes: [] };
    movie.showtimes.push({
      id: r.id,
      time: formatShowTime(r.startsAt, cinema.timeZone),
      format: r.format,
      language: r.language,
      bookable: isBookable(r.startsAt, r.status, s.now),
    });
    day.movies.set(r.movieSlug, movie);
    days.set(key, day);
  }
  return {
    cinema: { name: cinema.name, address: cinema.address },
    city: { name: city.name, slug: city.slug },
    days: [...days.entries()].map(([key, d]) => ({ key, label: d.label, movies: [...d.movies.values()] })),
  };
}

export default function CinemaPage() {
  const { cinema, city, days } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-2xl font-bold">{cinema.name}</h1>
      <p className="text-slate-700">
        {cinema.address}, <Link to={`/?city=${city.slug}`} className="underline">{city.name}</Link>
      </p>
      {days.length === 0 && <p className="mt-6">No shows scheduled this week.</p>}
      {days.map((d) => (
        <section key={d.key} className="mt-6" aria-label={d.label}>
          <h2 className="text-lg font-bold">{d.label}</h2>
          <ul className="mt-2 space-y-3">
            {d.movies.map((m) => (
              <li key={m.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link to={`/movies/${m.slug}?city=${city.slug}`} className="font-semibold hover:underline">
                  {m.title}
                </Link>{" "}
                <span className="rounded border border-slate-500 px-1 text-xs">{m.certificate}</span>
                <ShowtimeChips showtimes={m.showtimes} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
