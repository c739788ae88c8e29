import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, useLoaderData } from "react-router";
import { AdminPage, cell, DataTable, Panel, SelectField, StatGrid } from "#app/admin/ui";
import { BarChart } from "#app/admin/charts";
import { Field } from "#app/components/forms";
import { formatRupees } from "#app/domain/pricing";
import { formatDateKey, zoneLabel } from "#app/domain/time";
import type { Bucket, DashboardPart, Top } from "#app/domain/dashboard";
import { CONSOLE_TIME_ZONE, dashboardSearch, loadDashboard, parseDashboardQuery } from "#app/admin/dashboard.server";
import { adminLoader, cinemasInScope, requireInScope } from "#app/admin/guard.server";
import { userError } from "#app/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Dashboard — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  const q = parseDashboardQuery(new URL(request.url), s.now);
  if ("error" in q) userError(400, q.error);
  if (q.cinemaId) await requireInScope(s, admin, { cinema: q.cinemaId });
  const [d, cinemaList] = await Promise.all([loadDashboard(s, { ...q, scope: admin.scope }), cinemasInScope(s, admin.scope)]);
  const csv = (part: DashboardPart) => `/admin/dashboard/export?${dashboardSearch(q, { part })}`;
  return {
    q: { range: q.range.kind, from: q.range.from, to: q.range.to, basis: q.basis, cinemaId: q.cinemaId },
    zone: zoneLabel(CONSOLE_TIME_ZONE, s.now),
    cinemas: cinemaList,
    scopeNote: admin.scope.all ? "All cinemas" : `Your cinemas: ${cinemaList.map((c) => c.name).join(", ")}`,
    d,
    csv: { days: csv("days"), hours: csv("hours"), weekdays: csv("weekdays"), movies: csv("movies"), cinemas: csv("cinemas") },
  };
}

const rupeesShort = (paise: number) => (paise >= 100_000_00 ? `₹${(paise / 100_000_00).toFixed(1)}L` : paise >= 1000_00 ? `₹${Math.round(paise / 1000_00)}k` : `₹${Math.round(paise / 100)}`);
const pct = (n: number) => `${Math.round(n)}%`;
const COLORS = { gross: "#2563eb", refunds: "#dc2626", net: "#059669", seats: "#7c3aed", occupancy: "#d97706" };

function CsvLink({ href, what }: { href: string; what: string }) {
  return (
    <a href={href} download className="text-sm text-brand-700 underline">
      CSV<span className="sr-only"> of {what}</span>
    </a>
  );
}

function BucketTable({ caption, first, rows }: { caption: string; first: string; rows: Bucket[] }) {
  return (
    <DataTable caption={caption} head={[first, "Shows", "Seats sold", "Capacity", "Occupancy"]}>
      {rows.map((r) => (
        <tr key={r.label}>
          <th scope="row" className={`${cell} text-left font-medium`}>
            {r.label}
          </th>
          <td className={cell}>{r.shows}</td>
          <td className={cell}>{r.seatsSold}</td>
          <td className={cell}>{r.capacity}</td>
          <td className={cell}>{r.occupancyPct}%</td>
        </tr>
      ))}
    </DataTable>
  );
}

function TopTable({ caption, first, rows }: { caption: string; first: string; rows: Top[] }) {
  return rows.length === 0 ? (
    <p className="text-sm text-slate-700">No sales in this range.</p>
  ) : (
    <DataTable caption={caption} head={["#", first, "Seats", "Gross", "Refunds", "Net"]}>
      {rows.map((r, i) => (
        <tr key={r.name}>
          <td className={cell}>{i + 1}</td>
          <th scope="row" className={`${cell} text-left font-medium`}>
            {r.name}
          </th>
          <td className={cell}>{r.seatsSold}</td>
          <td className={cell}>{formatRupees(r.grossPaise)}</td>
          <td className={cell}>{formatRupees(r.refundsPaise)}</td>
          <td className={cell}>{formatRupees(r.netPaise)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default function Dashboard() {
  const { q, zone, cinemas: list, scopeNote, d, csv } = useLoaderData<typeof loader>();
  const by = q.basis === "sale" ? "by sale date" : "by show date";
  const dayLabel = (key: string) => {
    const f = formatDateKey(key);
    return `${f.day} ${f.month}`;
  };
  const labels = d.days.map((x) => dayLabel(x.date));
  return (
    <AdminPage title="Dashboard">
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label="Dashboard range">
        <SelectField label="Range" selectProps={{ name: "range", defaultValue: q.range }}>
          <option value="today">Today</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="custom">Custom (from–to)</option>
        </SelectField>
        <Field label="From" inputProps={{ name: "from", type: "date", defaultValue: q.from }} />
        <Field label="To" inputProps={{ name: "to", type: "date", defaultValue: q.to }} />
        <SelectField label="Cinema" selectProps={{ name: "cinema", defaultValue: q.cinemaId ?? "" }}>
          <option value="">{list.length > 1 ? "All my cinemas" : "My cinema"}</option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Count money and seats" selectProps={{ name: "basis", defaultValue: q.basis }}>
          <option value="sale">by sale date</option>
          <option value="show">by show date</option>
        </SelectField>
        <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-50">
          Show
        </button>
      </Form>
      <p className="text-sm text-slate-700" data-testid="dashboard-scope">
        {scopeNote} · {q.from === q.to ? q.from : `${q.from} to ${q.to}`} · days are each cinema&apos;s local days ({zone}) · money and seats sold counted <strong>{by}</strong>; occupancy <strong>by show date</strong>.
      </p>
      <Panel title={`Totals (${by})`}>
        <StatGrid
          columns="sm:grid-cols-5"
          stats={[
            ["Gross", formatRupees(d.totals.grossPaise)],
            ["Refunds", formatRupees(d.totals.refundsPaise)],
            ["Net", formatRupees(d.totals.netPaise)],
            ["Seats sold", String(d.totals.seatsSold)],
            ["Occupancy (by show date)", `${d.totals.occupancyPct}%`],
          ]}
        />
      </Panel>
      {/* Side by side only on a wide screen: at 1366 px the per-day occupancy table would not fit half the width. */}
      <div className="grid gap-6 2xl:grid-cols-2">
        <BarChart
          title={`Revenue per day — ${by}`}
          summary={`Gross ${formatRupees(d.totals.grossPaise)}, refunds ${formatRupees(d.totals.refundsPaise)}, net ${formatRupees(d.totals.netPaise)} over ${d.days.length} day(s). The table below has each day.`}
          labels={labels}
          series={[
            { name: "Gross", color: COLORS.gross, values: d.days.map((x) => x.grossPaise) },
            { name: "Refunds", color: COLORS.refunds, values: d.days.map((x) => x.refundsPaise) },
            { name: "Net", color: COLORS.net, values: d.days.map((x) => x.netPaise) },
          ]}
          format={rupeesShort}
          table={
            <>
              <DataTable caption={`Revenue per day, ${by}`} head={["Day", "Gross", "Refunds", "Net"]}>
                {d.days.map((x) => (
                  <tr key={x.date}>
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      {x.date}
                    </th>
                    <td className={cell}>{formatRupees(x.grossPaise)}</td>
                    <td className={cell}>{formatRupees(x.refundsPaise)}</td>
                    <td className={cell}>{formatRupees(x.netPaise)}</td>
                  </tr>
                ))}
              </DataTable>
              <CsvLink href={csv.days} what="revenue, seats and occupancy per day" />
            </>
          }
        />
        <BarChart
          title="Occupancy per day — by show date"
          summary={`Overall ${d.totals.occupancyPct}% of ${d.totals.capacity} seats on the range's shows.`}
          labels={labels}
          series={[{ name: "Occupancy", color: COLORS.occupancy, values: d.days.map((x) => x.occupancyPct) }]}
          format={pct}
          fixedMax={100}
          table={
            <>
              <DataTable caption={`Seats sold (${by}) and occupancy (by show date) per day`} head={["Day", `Seats sold (${by})`, "Seats at shows that day", "Capacity", "Occupancy"]}>
                {d.days.map((x) => (
                  <tr key={x.date}>
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      {x.date}
                    </th>
                    <td className={cell}>{x.seatsSold}</td>
                    <td className={cell}>{x.showSeats}</td>
                    <td className={cell}>{x.capacity}</td>
                    <td className={cell}>{x.occupancyPct}%</td>
                  </tr>
                ))}
              </DataTable>
              <CsvLink href={csv.days} what="seats and occupancy per day" />
            </>
          }
        />
        <BarChart
          title={`Occupancy by start time (${zone}) — by show date`}
          summary={d.hours.length ? `Busiest: ${[...d.hours].sort((a, b) => b.occupancyPct - a.occupancyPct)[0]!.label}.` : "No shows in this range."}
          labels={d.hours.map((h) => h.label)}
          series={[{ name: "Occupancy", color: COLORS.occupancy, values: d.hours.map((h) => h.occupancyPct) }]}
          format={pct}
          fixedMax={100}
          table={
            <>
              <BucketTable caption="Occupancy by start time" first={`Starts (${zone})`} rows={d.hours} />
              <CsvLink href={csv.hours} what="occupancy by start time" />
            </>
          }
        />
        <BarChart
          title="Occupancy by weekday — by show date"
          summary={`Monday to Sunday occupancy of the range's shows.`}
          labels={d.weekdays.map((w) => w.label)}
          series={[{ name: "Occupancy", color: COLORS.occupancy, values: d.weekdays.map((w) => w.occupancyPct) }]}
          format={pct}
          fixedMax={100}
          table={
            <>
              <BucketTable caption="Occupancy by weekday" first="Weekday" rows={d.weekdays} />
              <CsvLink href={csv.weekdays} what="occupancy by weekday" />
            </>
          }
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title={`Top movies — ${by}`}>
          <TopTable caption={`Top movies by net, ${by}`} first="Movie" rows={d.movies} />
          <CsvLink href={csv.movies} what="top movies" />
        </Panel>
        <Panel title={`Top cinemas — ${by}`}>
          <TopTable caption={`Top cinemas by net, ${by}`} first="Cinema" rows={d.cinemas} />
          <CsvLink href={csv.cinemas} what="top cinemas" />
        </Panel>
      </div>
    </AdminPage>
  );
}
