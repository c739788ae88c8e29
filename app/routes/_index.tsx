import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Poster } from "#app/catalogue/poster";
import { formatRuntime } from "#app/domain/time";
import { getCityBySlug, listCities, moviesShowingInCity } from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { citySlugQuery } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Movies now showing in ${data.city.name} — Marquee` : "Marquee" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const wanted = citySlugQuery(new URL(request.url));
  const cities = await listCities(s.db);
  const city = wanted ? await getCityBySlug(s.db, wanted) : cities[0];
  if (!city) notFound(wanted ? "We don't show movies in that city yet." : "No cities yet: run `npm run db:seed`.");
  const movies = await moviesShowingInCity(s.db, city.id, s.now);
  return {
    cities: cities.map((c) => ({ slug: c.slug, name: c.name })),
    city: { slug: city.slug, name: city.name },
    movies: movies.map((m) => ({
      slug: m.slug,
      title: m.title,
      certificate: m.certificate,
      languages: m.languages,
      genres: m.genres,
      runtime: formatRuntime(m.runtimeMinutes),
    })),
  };
}

export default function Index() {
  const { cities, city, movies } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Now showing in {city.name}</h1>
        <Form method="get" className="flex items-end gap-2">
          <label className="text-sm font-medium">
            City
            <select
              name="city"
              defaultValue={city.slug}
              className="ml-2 rounded-md border border-slate-400 bg-white px-2 py-1.5"
              onChange={(e) => e.currentTarget.form?.requestSubmit()}
            >
              {cities.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm text-white">
              Go
            </button>
          </noscript>
        </Form>
      </div>
      {movies.length === 0 ? (
        <p className="mt-8 text-slate-700">No shows in {city.name} this week.</p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" aria-label="Movies">
          {movies.map((m) => (
            <li key={m.slug}>
              <Link
                to={`/movies/${m.slug}?city=${city.slug}`}
                className="group block rounded-lg focus-visible:outline-offset-4"
              >
                <Poster slug={m.slug} title={m.title} className="shadow transition group-hover:shadow-lg" />
                <h2 className="mt-2 font-semibold leading-tight group-hover:underline">{m.title}</h2>
                <p className="text-sm text-slate-700">
                  <span className="mr-1 rounded border border-slate-500 px-1 text-xs">{m.certificate}</span>
                  {m.runtime} · {m.languages.join(", ")}
                </p>
                <p className="text-sm text-slate-600">{m.genres.join(" / ")}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
