import { asc } from "drizzle-orm";
import { showtimeOptions } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";

/** The operator's lists a showtime's language and format are chosen from (showtime_options). */
export async function showtimeOptionLists(db: Db): Promise<{ languages: string[]; formats: string[] }> {
  const rows = await db.select({ kind: showtimeOptions.kind, value: showtimeOptions.value }).from(showtimeOptions).orderBy(asc(showtimeOptions.kind), asc(showtimeOptions.value)).all();
  return { languages: rows.filter((r) => r.kind === "language").map((r) => r.value), formats: rows.filter((r) => r.kind === "format").map((r) => r.value) };
}
