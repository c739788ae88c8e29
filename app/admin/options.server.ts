import { and, asc, eq } from "drizzle-orm";
import { showtimeOptions } from "#app/db/schema.server";
import type { Db } from "#app/utils/db.server";
import type { Services } from "#app/utils/context.server";
import type { SessionUser } from "#app/auth/session.server";
import type { ShowtimeOptionKind } from "#app/domain/enums";
import { auditEntry } from "./guard.server";

/** The operator's lists a showtime's language and format are chosen from (showtime_options). */
export async function showtimeOptionLists(db: Db): Promise<{ languages: string[]; formats: string[] }> {
  const rows = await db.select({ kind: showtimeOptions.kind, value: showtimeOptions.value }).from(showtimeOptions).orderBy(asc(showtimeOptions.kind), asc(showtimeOptions.value)).all();
  return { languages: rows.filter((r) => r.kind === "language").map((r) => r.value), formats: rows.filter((r) => r.kind === "format").map((r) => r.value) };
}

/** Adds a choice to a list and audits it; false when it was already there (nothing changes). */
export async function addShowtimeOption(s: Services, actor: Pick<SessionUser, "id">, kind: ShowtimeOptionKind, value: string): Promise<boolean> {
  const added = await s.db.insert(showtimeOptions).values({ kind, value, createdAt: s.now }).onConflictDoNothing().returning({ value: showtimeOptions.value });
  if (added.length === 0) return false;
  await auditEntry(s, actor, `option.${kind}.add`, value);
  return true;
}

/**
 * Removes a choice from a list and audits it; false when it was not there. Affects new showtimes
 * only: scheduled ones keep the language or format they have.
 */
export async function removeShowtimeOption(s: Services, actor: Pick<SessionUser, "id">, kind: ShowtimeOptionKind, value: string): Promise<boolean> {
  const removed = await s.db.delete(showtimeOptions).where(and(eq(showtimeOptions.kind, kind), eq(showtimeOptions.value, value))).returning({ value: showtimeOptions.value });
  if (removed.length === 0) return false;
  await auditEntry(s, actor, `option.${kind}.remove`, value);
  return true;
}
