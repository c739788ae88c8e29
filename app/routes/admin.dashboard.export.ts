import type { LoaderFunctionArgs } from "react-router";
import { DASHBOARD_PARTS, dashboardCsv, type DashboardPart } from "#app/domain/dashboard";
import { loadDashboard, parseDashboardQuery } from "#app/admin/dashboard.server";
import { adminResourceLoader, inScope } from "#app/admin/guard.server";

const plain = (message: string, status: number) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** One dashboard chart's numbers as CSV (?part=days|hours|weekdays|movies|cinemas, same range as the page). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminResourceLoader(request, context, "cinema");
  const url = new URL(request.url);
  const part = url.searchParams.get("part") as DashboardPart | null;
  if (!part || !DASHBOARD_PARTS.includes(part)) throw plain(`Choose a part: ${DASHBOARD_PARTS.join(", ")}.`, 400);
  const q = parseDashboardQuery(url, s.now);
  if ("error" in q) throw plain(q.error, 400);
  if (q.cinemaId && !inScope(admin.scope, q.cinemaId)) throw plain("That cinema doesn't exist.", 404);
  const d = await loadDashboard(s, { ...q, scope: admin.scope });
  const name = `marquee-${part}-by-${q.basis}-date-${q.range.from}-to-${q.range.to}${q.cinemaId ? `-${q.cinemaId}` : ""}.csv`;
  return new Response(dashboardCsv(d, part, q.basis), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
  });
}
