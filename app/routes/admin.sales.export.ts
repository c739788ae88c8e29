import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { salesCsv } from "#app/domain/sales";
import { localDateKey } from "#app/domain/time";
import { salesForDay } from "#app/admin/sales.server";
import { dayFilter } from "#app/admin/validation";
import { adminResourceLoader } from "#app/admin/guard.server";

/** The day's sales as a CSV download (same figures as /admin/sales). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s } = await adminResourceLoader(request, context);
  const { date, cinemaId } = dayFilter(new URL(request.url), localDateKey(s.now, "Asia/Kolkata"));
  const rows = await salesForDay(s.db, date, cinemaId);
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
