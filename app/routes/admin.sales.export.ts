import type { LoaderFunctionArgs } from "react-router";
import { salesCsv } from "#app/domain/sales";
import { localDateKey } from "#app/domain/time";
import { salesForDay } from "#app/admin/sales.server";
import { dayFilter } from "#app/admin/day-filter.server";
import { adminResourceLoader, inScope } from "#app/admin/guard.server";

/** The day's sales as a CSV download (same figures as /admin/sales). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminResourceLoader(request, context, "cinema");
  const { date, cinemaId } = dayFilter(new URL(request.url), localDateKey(s.now, "Asia/Kolkata"));
  if (cinemaId && !inScope(admin.scope, cinemaId)) throw new Response("That cinema doesn't exist.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const rows = await salesForDay(s.env, s.db, date, cinemaId, admin.scope);
  const clock = (r: (typeof rows)[number]) =>
    new Intl.DateTimeFormat("sv-SE", { timeZone: r.timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(r.startsAt));
  const csv = salesCsv(rows, clock);
  const name = `marquee-sales-${date}${cinemaId ? `-${cinemaId}` : ""}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
