import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { SeatLegend, SeatMap } from "#app/components/seat-map";
import { seatLayoutSchema } from "#app/domain/layout";
import { formatShowDate, formatShowTime, formatRuntime } from "#app/domain/time";
import { getShowtimeDetail, isBookable } from "#app/utils/catalogue.server";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.movie.title} at ${data.cinema.name}, ${data.when} — Marquee` : "Showtime — Marquee" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const detail = await getShowtimeDetail(s.db, idParam(params.showtimeId));
  if (!detail) notFound("We couldn't find that showtime.");
  const { showtime, movie, screen, cinema, city } = detail;
  const tz = cinema.timeZone;
  return {
    showtime: { id: showtime.id, format: showtime.format, language: showtime.language, prices: showtime.prices },
    bookable: isBookable(showtime.startsAt, showtime.status, s.now),
    cancelled: showtime.status === "CANCELLED",
    when: `${formatShowDate(showtime.startsAt, tz)}, ${formatShowTime(showtime.startsAt, tz)}`,
    movie: { slug: movie.slug, title: movie.title, certificate: movie.certificate, runtime: formatRuntime(movie.runtimeMinutes) },
    cinema: { slug: cinema.slug, name: cinema.name },
    city: { slug: city.slug },
    screen: { name: screen.name, layout: seatLayoutSchema.parse(screen.layout) },
  };
}

export default function ShowtimePage() {
  const { showtime, bookable, cancelled, when, movie, cinema, city, screen } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="text-sm">
        <Link to={`/movies/${movie.slug}?city=${city.slug}`} className="underline">
          ← {movie.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{movie.title}</h1>
      <p className="text-slate-700">
        <Link to={`/cinemas/${cinema.slug}`} className="underline">
          {cinema.name}
        </Link>{" "}
        · {screen.name} · {when} · {showtime.format} · {showtime.language} · {movie.certificate} · {movie.runtime}
      </p>
      {!bookable && (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {cancelled ? "This show has been cancelled." : "This show has already started, so booking is closed."}
        </p>
      )}
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="seats-heading">
        <h2 id="seats-heading" className="mb-3 text-lg font-semibold">
          Seats
        </h2>
        <SeatLegend />
        <div className="mt-4">
          <SeatMap layout={screen.layout} prices={showtime.prices} />
        </div>
      </section>
    </div>
  );
}
