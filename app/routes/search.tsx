import { requestLocale } from "#app/i18n/locale.server";
import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Poster } from "#app/catalogue/poster";
import { searchMovies } from "#app/catalogue/search.server";
import { MAX_QUERY_CHARS, toSearchQuery } from "#app/domain/search-query";
import { formatHumanDate, localDateKey } from "#app/domain/time";
import { services } from "#app/utils/context.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [
  { title: data?.query ? `“${data.query}” — search — Marquee` : "Search — Marquee" },
  { name: "robots", content: "noindex" },
];

/** The no-JS search: the header's form submits here; the autocomplete is an enhancement over it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const q = toSearchQuery(new URL(request.url).searchParams.get("q"));
  const hits = await searchMovies(s.db, q, 24, requestLocale(request));
  // Release dates are calendar days in India, as on the movie page.
  const today = localDateKey(s.now, "Asia/Kolkata");
  return {
    query: q.text,
    truncated: q.truncated,
    empty: !q.match,
    results: hits.map((h) => ({ ...h, released: h.releaseDate <= today, releaseDate: formatHumanDate(h.releaseDate) })),
  };
}

export default function SearchPage() {
  const { query, truncated, empty, results } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-2xl font-bold">{empty ? "Search" : `Results for “${query}”`}</h1>
      {truncated && (
        <p className="mt-2 text-sm text-slate-700">
          We searched for the first {MAX_QUERY_CHARS} characters and first few words of what you typed.
        </p>
      )}
      {empty ? (
        <p className="mt-4 text-slate-700">Type a movie title, an actor, a director or a genre in the search box above.</p>
      ) : results.length === 0 ? (
        <p className="mt-4 text-slate-700">No movies match “{query}”. Check the spelling, or try fewer words.</p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-6" aria-label="Search results">
          {results.map((m) => (
            <li key={m.slug}>
              <Link to={`/movies/${m.slug}`} className="group block">
                <Poster slug={m.slug} title={m.title} version={m.posterKey} />
                <h2 className="mt-2 font-semibold leading-tight group-hover:underline">{m.title}</h2>
                <p className="text-sm text-slate-700">{m.hint ?? m.genres.join(" / ")}</p>
                <p className="text-xs text-slate-600">{`${m.released ? "Released" : "Releases"} ${m.releaseDate}`}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
