import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { DayFilterForm } from "#app/admin/day-filter";
import { AdminPage, cell, DataTable, StatusBadge } from "#app/admin/ui";
import { formatShowTime, localDateKey, zoneLabel } from "#app/domain/time";
import { salesForDay } from "#app/admin/sales.server";
import { adminLoader, cinemasInScope, requireInScope } from "#app/admin/guard.server";
import { dayFilter } from "#app/admin/day-filter.server";

export const meta: MetaFunction = () => [{ title: "Showtimes — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  const { date, cinemaId } = dayFilter(new URL(request.url), localDateKey(s.now, "Asia/Kolkata"));
  if (cinemaId) await requireInScope(s, admin, { cinema: cinemaId });
  const [rows, cinemaRows] = await Promise.all([salesForDay(s.env, s.db, date, cinemaId, admin.scope), cinemasInScope(s, admin.scope)]);
  return {
    date,
    cinemaId,
    cinemas: cinemaRows,
    showtimes: rows.map((r) => ({ id: r.showtimeId, time: `${formatShowTime(r.startsAt, r.timeZone)} ${zoneLabel(r.timeZone, r.startsAt)}`, cinema: r.cinemaName, screen: r.screenName, movie: r.movieTitle, status: r.status, sold: r.seatsSold, capacity: r.capacity })),
  };
}

export default function AdminShowtimes() {
  const { date, cinemaId, cinemas: list, showtimes } = useLoaderData<typeof loader>();
  return (
    <AdminPage
      title="Showtimes"
      actions={
        <Link to="/admin/showtimes/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Schedule a show
        </Link>
      }
    >
      <DayFilterForm date={date} cinemaId={cinemaId} cinemas={list} />
      {showtimes.length === 0 ? (
        <p className="text-slate-700">No showtimes on this day.</p>
      ) : (
        <DataTable caption={`Showtimes on ${date}`} head={["Time", "Cinema", "Screen", "Movie", "Sold", "Status"]}>
          {showtimes.map((st) => (
            <tr key={st.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <Link to={`/admin/showtimes/${st.id}`} className="font-semibold text-brand-700 hover:underline">
                  {st.time}
                </Link>
              </td>
              <td className={cell}>{st.cinema}</td>
              <td className={cell}>{st.screen}</td>
              <td className={cell}>{st.movie}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {st.sold} / {st.capacity}
              </td>
              <td className={cell}>
                <StatusBadge status={st.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminPage>
  );
}
