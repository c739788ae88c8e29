import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { redirect } from "react-router";
import { Link, useLoaderData } from "react-router";
import { AdminPage, cell, DataTable, Panel, StatGrid } from "#app/admin/ui";
import { formatRupees } from "#app/domain/pricing";
import { salesTotals } from "#app/domain/sales";
import { formatInstant, localDateKey } from "#app/domain/time";

/** The console's own clock: the demo cinemas are all in India. */
const TZ = "Asia/Kolkata";
import { salesForDay } from "#app/admin/sales.server";
import { adminLoader } from "#app/admin/guard.server";
import { recentAuditEntries } from "#app/admin/dashboard.server";

export const meta: MetaFunction = () => [{ title: "Operator console — Marquee" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "console");
  // Door staff have one page: the door.
  if (admin.role === "door") throw redirect("/admin/check-in");
  const today = localDateKey(s.now, "Asia/Kolkata");
  const [rows, recent] = await Promise.all([
    salesForDay(s.env, s.db, today, null, admin.scope),
    // The audit log is Marquee-wide; a cinema manager sees their own actions.
    recentAuditEntries(s.db, admin),
  ]);
  const t = salesTotals(rows);
  return {
    name: admin.name,
    today,
    totals: { shows: rows.length, sold: t.seatsSold, capacity: t.capacity, occupancy: t.occupancyPct, gross: formatRupees(t.grossPaise), net: formatRupees(t.netPaise) },
    recent: recent.map((r) => ({ ...r, at: formatInstant(r.createdAt, TZ) })),
  };
}

export default function AdminHome() {
  const { name, today, totals, recent } = useLoaderData<typeof loader>();
  return (
    <AdminPage title={`Hello, ${name}`}>
      <Panel title={`Today (${today})`}>
        <StatGrid columns="sm:grid-cols-5"
          stats={[
            ["Shows", String(totals.shows)],
            ["Seats sold", `${totals.sold} / ${totals.capacity}`],
            ["Occupancy", `${totals.occupancy}%`],
            ["Gross", totals.gross],
            ["Net", totals.net],
          ]}
        />
        <p className="mt-3 text-sm">
          <Link to="/admin/sales" className="text-brand-700 underline">
            Sales by showtime
          </Link>
          {" · "}
          <Link to="/admin/check-in" className="text-brand-700 underline">
            Door check-in
          </Link>
        </p>
      </Panel>
      <Panel title="Recent operator actions">
        {recent.length === 0 ? (
          <p className="text-sm text-slate-700">Nothing yet.</p>
        ) : (
          <DataTable caption="Recent operator actions" head={["When", "Who", "Action", "Target"]}>
            {recent.map((r) => (
              <tr key={r.id}>
                <td className={`${cell} whitespace-nowrap`}>{r.at}</td>
                <td className={cell}>{r.actor ?? "—"}</td>
                <td className={`${cell} font-mono text-xs`}>{r.action}</td>
                <td className={`${cell} font-mono text-xs`}>{r.target}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </AdminPage>
  );
}
