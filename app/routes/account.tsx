import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { formatRupees } from "#app/domain/pricing";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { bookingsOfUser } from "#app/payments/bookings.server";
import { services } from "#app/utils/context.server";
import { requireUser } from "#app/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Your account — Marquee" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const rows = await bookingsOfUser(s.db, user.id);
  return {
    user: { name: user.name, email: user.email },
    bookings: rows.map(({ booking: b, ...show }) => ({
      id: b.id,
      status: b.status,
      total: formatRupees(b.totalAmount),
      movieTitle: show.movieTitle,
      cinemaName: show.cinemaName,
      when: `${formatShowDate(show.startsAt, show.timeZone)}, ${formatShowTime(show.startsAt, show.timeZone)}`,
    })),
  };
}

export default function AccountPage() {
  const { user, bookings } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-2xl font-bold">Hello, {user.name}</h1>
      <p className="text-slate-700">{user.email}</p>
      <section className="mt-6" aria-labelledby="bookings-heading">
        <h2 id="bookings-heading" className="text-lg font-semibold">
          Your bookings
        </h2>
        {bookings.length === 0 ? (
          <p className="mt-2 text-slate-700">No bookings yet. Pick a movie and grab some seats!</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {bookings.map((b) => (
              <li key={b.id} className="flex flex-wrap justify-between gap-2 p-4">
                <div>
                  <Link to={`/bookings/${b.id}`} className="font-semibold hover:underline">
                    {b.movieTitle}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {b.cinemaName} · {b.when}
                  </p>
                </div>
                <div className="text-right">
                  <p className="font-semibold">{b.total}</p>
                  <p className="text-xs uppercase tracking-wide text-slate-600">{b.status.replace("_", " ")}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
