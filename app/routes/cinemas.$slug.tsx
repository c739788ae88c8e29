import { INTL_LOCALE } from "#app/i18n/locales";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { localName } from "#app/i18n/locales";
import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { DateStrip } from "#app/catalogue/date-strip";
import { Link, useLoaderData } from "react-router";
import { toChip } from "#app/catalogue/chips.server";
import { pageMeta } from "#app/catalogue/meta";
import { AvailabilityNote, ShowtimeChips, type ShowtimeChip } from "#app/catalogue/showtime-chips";
import { dateStrip, formatDateKey, localDateKey, zonedTimeToUtc } from "#app/domain/time";
import { getCinemaBySlug, isBookable, seatsSoldFor, showtimesAtCinema } from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { dateQuery, slugParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  data
    ? pageMeta({
        title: data.metaTitle,
        description: `Showtimes at ${data.cinema.name}, ${data.cinema.address}, ${data.city.name}.${data.cinema.amenities.length ? ` ${data.cinema.amenities.join(", ")}.` : ""}`,
        origin: data.origin,
        path: location.pathname,
      })
    : [{ title: "Cinema — Marquee" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const found = await getCinemaBySlug(s.db, slugParam(params.slug));
  if (!found) notFound("We couldn't find that cinema.");
  const { cinema, city } = found;
  const i18n = requestI18n(request);
  const name = localName(cinema.name, cinema.names, i18n.locale);
  const requested = dateQuery(new URL(request.url));
  const from = zonedTimeToUtc(localDateKey(s.now, cinema.timeZone), "00:00", cinema.timeZone);
  const listed = await showtimesAtCinema(s.db, cinema.id, from);
  const sold = await seatsSoldFor(s.env, listed.map((r) => r.id));
  const rows = listed.map((r) => ({ ...r, seatsSold: sold.get(r.id) ?? 0 }));
  const strip = dateStrip(s.now, cinema.timeZone);
  const dayOf = (r: { startsAt: number }) => localDateKey(r.startsAt, cinema.timeZone);
  const dayWith = (bookableOnly: boolean) => strip.find((d) => rows.some((r) => dayOf(r) === d && (!bookableOnly || isBookable(r.startsAt, r.status, s.now))));
  const selected = requested ?? dayWith(true) ?? dayWith(false) ?? strip[0]!;
  if (!strip.includes(selected)) notFound("We only list shows for the next 7 days.");
  const movies = new Map<string, { slug: string; title: string; certificate: string; showtimes: ShowtimeChip[] }>();
  for (const r of rows) {
    if (dayOf(r) !== selected) continue;
    const movie = movies.get(r.movieSlug) ?? { slug: r.movieSlug, title: localName(r.movieTitle, r.movieTitles, i18n.locale), certificate: r.certificate, showtimes: [] };
    movie.showtimes.push(toChip(r, cinema.timeZone, s.now));
    movies.set(r.movieSlug, movie);
  }
  return {
    metaTitle: i18n.t("cinema.metaTitle", { cinema: name, city: city.name }),
    cinema: {
      name,
      address: cinema.address,
      phone: cinema.phone,
      amenities: cinema.amenities,
      wheelchairAccess: cinema.wheelchairAccess,
      mapUrl: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${cinema.name}, ${cinema.address}, ${city.name}`)}`,
    },
    origin: s.config.APP_ORIGIN,
    city: { name: city.name, slug: city.slug },
    dates: strip.map((key) => ({ key, ...formatDateKey(key, INTL_LOCALE[i18n.locale]), hasShows: rows.some((r) => dayOf(r) === key) })),
    selected,
    asOf: i18n.time(s.now, cinema.timeZone),
    movies: [...movies.values()],
  };
}

export default function CinemaPage() {
  const { cinema, city, dates, selected, movies, asOf } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div>
      <h1 className="text-2xl font-bold">{cinema.name}</h1>
      <address className="not-italic text-slate-700">
        {cinema.address},{" "}
        <Link to={`/?city=${city.slug}`} className="underline">
          {city.name}
        </Link>{" "}
        ·{" "}
        <a href={cinema.mapUrl} className="underline" target="_blank" rel="noopener noreferrer">
          <span aria-hidden>{t("cinema.map")}</span>
          <span className="sr-only">{t("cinema.mapSr", { cinema: cinema.name })}</span>
        </a>
        {cinema.phone && (
          <>
            {" "}
            · <a href={`tel:${cinema.phone.replace(/[^+\d]/g, "")}`} className="underline">{cinema.phone}</a>
          </>
        )}
      </address>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label={t("cinema.amenities")}>
        <li className={`rounded-full border px-2 py-0.5 ${cinema.wheelchairAccess ? "border-emerald-600 text-emerald-800" : "border-slate-300 text-slate-600"}`}>
          {t(cinema.wheelchairAccess ? "cinema.wheelchair" : "cinema.noStepFree")}
        </li>
        {cinema.amenities.map((a) => (
          <li key={a} className="rounded-full border border-slate-300 px-2 py-0.5">
            {a}
          </li>
        ))}
      </ul>
      <DateStrip dates={dates} selected={selected} hrefFor={(key) => `?date=${key}`} className="mt-4" />
      {movies.length === 0 ? (
        <p className="mt-6">{t("movie.noShows")}</p>
      ) : (
        <>
          <ul className="mt-4 space-y-3">
            {movies.map((m) => (
              <li key={m.slug} className="rounded-lg border border-slate-200 bg-white p-4">
                <Link to={`/movies/${m.slug}?city=${city.slug}`} className="font-semibold hover:underline">
                  {m.title}
                </Link>{" "}
                <span className="rounded border border-slate-500 px-1 text-xs">{m.certificate}</span>
                <ShowtimeChips showtimes={m.showtimes} />
              </li>
            ))}
          </ul>
          <AvailabilityNote asOf={asOf} />
        </>
      )}
    </div>
  );
}
