import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { DayFilterForm } from "#app/admin/day-filter";
import { AdminPage, cell, DataTable, StatGrid, StatusBadge } from "#app/admin/ui";
import { formatRupees } from "#app/domain/pricing";
import { salesTotals } from "#app/domain/sales";
import { formatShowTime, localDateKey, zoneLabel } from "#app/domain/time";
import { salesForDay } from "#app/admin/sales.server";
import { dayFilter } from "#app/admin/day-filter.server";
import { adminLoader, cinemasInScope, requireInScope } from "#app/admin/guard.server";

export const meta: MetaFunction = () => [{ title: "Sales — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  const { date, cinemaId } = dayFilter(new URL(request.url), localDateKey(s.now, "Asia/Kolkata"));
  if (cinemaId) await requireInScope(s, admin, { cinema: cinemaId });
  const [rows, cinemaRows] = await Promise.all([salesForDay(s.env, s.db, date, cinemaId, admin.scope), cinemasInScope(s, admin.scope)]);
  const t = salesTotals(rows);
  const money = (r: { grossPaise: number; feesPaise: number; refundsPaise: number; netPaise: number }) => ({ gross: formatRupees(r.grossPaise), fees: formatRupees(r.feesPaise), refunds: formatRupees(r.refundsPaise), net: formatRupees(r.netPaise) });
  return {
    date,
    cinemaId,
    cinemas: cinemaRows,
    rows: rows.map((r) => ({ id: r.showtimeId, time: `${formatShowTime(r.startsAt, r.timeZone)} ${zoneLabel(r.timeZone, r.startsAt)}`, cinema: r.cinemaName, screen: r.screenName, movie: r.movieTitle, status: r.status, sold: r.seatsSold, capacity: r.capacity, occupancy: r.occupancyPct, bookings: r.bookings, ...money(r) })),
    totals: { sold: t.seatsSold, capacity: t.capacity, occupancy: t.occupancyPct, bookings: t.bookings, ...money(t) },
    csvHref: `/admin/sales/export?${new URLSearchParams({ date, ...(cinemaId ? { cinema: cinemaId } : {}) })}`,
  };
}

export default function AdminSales() {
  const { date, cinemaId, cinemas: list, rows, totals, csvHref } = useLoaderData<typeof loader>();
  return (
    <AdminPage title="Sales">
      <DayFilterForm date={date} cinemaId={cinemaId} cinemas={list}>
        <a href={csvHref} download className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Download CSV
        </a>
      </DayFilterForm>
      <StatGrid
        label={`Totals for ${date}`}
        stats={[
          ["Seats sold", `${totals.sold} / ${totals.capacity}`],
          ["Occupancy", `${totals.occupancy}%`],
          ["Gross", totals.gross],
          ["Refunds", totals.refunds],
          ["Fees (incl. GST)", totals.fees],
          ["Net", totals.net],
          ["Bookings", String(totals.bookings)],
        ]}
      />
      {rows.length === 0 ? (
        <p className="text-slate-700">No showtimes on this day.</p>
      ) : (
        <DataTable caption={`Sales per showtime on ${date}`} head={["Time", "Cinema", "Screen", "Movie", "Sold", "Occ.", "Gross", "Fees", "Refunds", "Net", "Status"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={`${cell} whitespace-nowrap`}>
                <Link to={`/admin/showtimes/${r.id}`} className="font-semibold text-brand-700 hover:underline">
                  {r.time}
                </Link>
              </td>
              <td className={cell}>{r.cinema}</td>
              <td className={cell}>{r.screen}</td>
              <td className={cell}>{r.movie}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {r.sold} / {r.capacity}
              </td>
              <td className={cell}>{r.occupancy}%</td>
              <td className={cell}>{r.gross}</td>
              <td className={cell}>{r.fees}</td>
              <td className={cell}>{r.refunds}</td>
              <td className={`${cell} font-semibold`}>{r.net}</td>
              <td className={cell}>
                <StatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminPage>
  );
}
