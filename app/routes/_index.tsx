import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { resolveCity } from "#app/catalogue/city.server";
import { cachedCatalogueRead } from "#app/catalogue/edge-cache.server";
import { FilterBar } from "#app/catalogue/filter-bar";
import { pageMeta } from "#app/catalogue/meta";
import { Poster } from "#app/catalogue/poster";
import { cinemasInCity, comingSoon, moviesShowingInCity, showtimesInCity } from "#app/catalogue/queries.server";
import { FilterChips } from "#app/catalogue/filter-chips";
import { hasShowFilter, showMatches } from "#app/domain/catalogue-filters";
import { dateStrip, formatHumanDate, localDateKey, minutesOfDay } from "#app/domain/time";
import { services } from "#app/utils/context.server";
import { badRequest } from "#app/utils/http.server";
import { dateQuery } from "#app/utils/params";
import { readCatalogueFilters } from "#app/catalogue/filters.server";
import { runtimeText } from "#app/catalogue/showtime-page.server";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { INTL_LOCALE, localName } from "#app/i18n/locales";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  pageMeta({
    title: data?.metaTitle ?? "Marquee",
    description: data?.metaDescription ?? "Marquee",
    path: location.pathname + location.search,
    origin: data?.origin,
  });

const TZ = "Asia/Kolkata";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const url = new URL(request.url);
  const { city, cities, firstVisit, headers } = await resolveCity(s, request, url);
  const parsed = await readCatalogueFilters(s.db, url.searchParams);
  if (!parsed.ok) badRequest(parsed.message);
  const filters = parsed.filters;
  // The filter form submits every select, so "any day" arrives as an empty date.
  const date = url.searchParams.get("date") ? dateQuery(url) : null;
  const today = localDateKey(s.now, TZ);
  const i18n = requestI18n(request);
  const intl = INTL_LOCALE[i18n.locale];
  const { showing, shows, soon, venues } = await cachedCatalogueRead(s, `home:${city.id}:${today}`, async () => {
    const [showing, shows, soon, venues] = await Promise.all([
      moviesShowingInCity(s.db, city.id, s.now),
      showtimesInCity(s.db, city.id, s.now),
      comingSoon(s.db, today),
      cinemasInCity(s.db, city.id),
    ]);
    return { showing, shows, soon, venues };
  });

  const matching = new Set(
    shows
      .filter((sh) => (!date || localDateKey(sh.startsAt, sh.timeZone) === date) && showMatches({ ...sh, minutesOfDay: minutesOfDay(sh.startsAt, sh.timeZone) }, filters))
      .map((sh) => sh.movieId),
  );
  const showFiltered = hasShowFilter(filters) || date !== null;
  const movies = showing.filter(
    (m) => (!showFiltered || matching.has(m.id)) && (!filters.genre || m.genres.some((g) => g.toLowerCase() === filters.genre!.toLowerCase())),
  );
  const card = (m: (typeof showing)[number]) => ({
    slug: m.slug,
    title: localName(m.title, m.titles, i18n.locale),
    certificate: m.certificate,
    languages: m.languages,
    genres: m.genres,
    runtime: runtimeText(i18n, m.runtimeMinutes),
    posterKey: m.posterKey,
    rating: m.ratingTenths === null ? null : (m.ratingTenths / 10).toFixed(1),
  });
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));
  return data(
    {
      metaTitle: i18n.t("home.metaTitle", { city: city.name }),
      metaDescription: i18n.t("home.metaDescription", { city: city.name, count: movies.length }),
      cities,
      city: { slug: city.slug, name: city.name },
      firstVisit,
      filters,
      date,
      dates: dateStrip(s.now, TZ).map((key) => ({ value: key, label: formatHumanDate(key, intl) })),
      origin: s.config.APP_ORIGIN,
      options: {
        lang: sorted(shows.map((sh) => sh.language)),
        genre: sorted(showing.flatMap((m) => m.genres)),
        format: sorted(shows.map((sh) => sh.format)),
      },
      movies: movies.map(card),
      comingSoon: soon.map((m) => ({ ...card(m), releaseDate: formatHumanDate(m.releaseDate, intl) })),
      cinemas: venues.map((c) => ({ slug: c.slug, name: localName(c.name, c.names, i18n.locale), address: c.address })),
    },
    { headers },
  );
}

export default function Index() {
  const { cities, city, movies, firstVisit, filters, options, date, dates, comingSoon, cinemas } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div>
      {firstVisit && (
        <section aria-labelledby="city-picker" className="mb-6 rounded-lg border border-brand-600 bg-white p-4">
          <h2 id="city-picker" className="font-bold">
            {t("home.where")}
          </h2>
          <p className="text-sm text-slate-700">{t("home.pickCity")}</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {cities.map((c) => (
              <li key={c.slug}>
                <Link to={`/?city=${c.slug}`} className="block rounded-md border border-slate-300 px-3 py-1.5 hover:border-brand-600">
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("home.nowShowing", { city: city.name })}</h1>
        {/* The city is asked once: on a first visit by the picker above, after that by this select. */}
        {!firstVisit && (
        <Form method="get" className="flex items-end gap-2">
          <label className="text-sm font-medium">
            {t("home.city")}
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
              {t("home.go")}
            </button>
          </noscript>
        </Form>
        )}
      </div>
      {/* A phone gets one row of chips that opens the filters; a wider screen shows them all. */}
      <FilterChips filters={filters} date={date ? (dates.find((d) => d.value === date)?.label ?? date) : null}>
        <FilterBar label={t("home.filter")} filters={filters} options={options} keep={{ city: city.slug }} dates={dates} date={date} />
      </FilterChips>
      {movies.length === 0 ? (
        <p className="mt-8 text-slate-700">
          {Object.values(filters).some(Boolean) || date ? t("home.noMatch") : t("home.noShows", { city: city.name })}
        </p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("home.movies")}>
          {movies.map((m, i) => (
            <li key={m.slug}>
              <Link to={`/movies/${m.slug}?city=${city.slug}${filters.lang ? `&lang=${encodeURIComponent(filters.lang)}` : ""}`} className="group block rounded-lg focus-visible:outline-offset-4">
                <Poster slug={m.slug} title={m.title} version={m.posterKey} eager={i < 2} className="shadow transition group-hover:shadow-lg" />
                <h2 className="mt-2 font-semibold leading-tight group-hover:underline">{m.title}</h2>
                <p className="text-sm text-slate-700">
                  <span className="mr-1 rounded border border-slate-500 px-1 text-xs">{m.certificate}</span>
                  {m.runtime} · {m.languages.join(", ")}
                  {m.rating && <span className="ml-1">· ★ {m.rating}</span>}
                </p>
                <p className="text-sm text-slate-600">{m.genres.join(" / ")}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {cinemas.length > 0 && (
        <section className="mt-10" aria-labelledby="cinemas-heading">
          <h2 id="cinemas-heading" className="text-xl font-bold">
            {t("home.cinemas", { city: city.name })}
          </h2>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {cinemas.map((c) => (
              <li key={c.slug}>
                <Link to={`/cinemas/${c.slug}`} className="block min-h-11 rounded-lg border border-slate-200 bg-white px-4 py-2 hover:border-brand-600">
                  <span className="font-semibold">{c.name}</span>
                  <span className="block text-sm text-slate-700">{c.address}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {comingSoon.length > 0 && (
        <section className="mt-10" aria-labelledby="coming-soon">
          <h2 id="coming-soon" className="text-xl font-bold">
            {t("home.comingSoon")}
          </h2>
          <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("home.comingSoon")}>
            {comingSoon.map((m) => (
              <li key={m.slug}>
                <Link to={`/movies/${m.slug}?city=${city.slug}`} className="group block">
                  <Poster slug={m.slug} title={m.title} version={m.posterKey} />
                  <h3 className="mt-2 font-semibold leading-tight group-hover:underline">{m.title}</h3>
                  <p className="text-sm text-slate-700">{t("home.releases", { date: m.releaseDate })}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
