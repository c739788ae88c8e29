import { asc, eq, inArray, ne } from "drizzle-orm";
import { cinemas, staffCinemas, users } from "#app/db/schema.server";
import type { UserRole } from "#app/domain/enums";
import type { SessionUser } from "#app/auth/session.server";
import type { Services } from "#app/utils/context.server";
import type { Db } from "#app/utils/db.server";
import { auditEntry } from "./guard.server";

/** Staff accounts and who works where, for /admin/staff. */

/** Every account that is not a customer (by email), the cinema links (by cinema name), and every cinema (for the picker). */
export async function listStaff(db: Db) {
  const [staff, links, cinemaRows] = await Promise.all([
    db.select({ id: users.id, email: users.email, name: users.name, role: users.role }).from(users).where(ne(users.role, "customer")).orderBy(asc(users.email)).all(),
    db.select({ userId: staffCinemas.userId, name: cinemas.name }).from(staffCinemas).innerJoin(cinemas, eq(cinemas.id, staffCinemas.cinemaId)).orderBy(asc(cinemas.name)).all(),
    db.select({ id: cinemas.id, name: cinemas.name }).from(cinemas).orderBy(asc(cinemas.name)).all(),
  ]);
  return { staff, links, cinemas: cinemaRows };
}

export async function accountByEmail(db: Db, email: string) {
  return db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email)).get();
}

/** Whether every id (duplicates allowed) names a cinema. */
export async function allCinemasExist(db: Db, cinemaIds: string[]): Promise<boolean> {
  const known = await db.select({ id: cinemas.id }).from(cinemas).where(inArray(cinemas.id, cinemaIds)).all();
  return known.length === new Set(cinemaIds).size;
}

/** Gives an account a role and exactly these cinemas, audited, in one batch. */
export async function assignStaff(
  s: Services,
  actor: Pick<SessionUser, "id">,
  user: { id: string; role: UserRole },
  assignment: { email: string; role: UserRole; cinemaIds: string[] },
) {
  const { email, role, cinemaIds } = assignment;
  await s.db.batch([
    s.db.update(users).set({ role }).where(eq(users.id, user.id)),
    s.db.delete(staffCinemas).where(eq(staffCinemas.userId, user.id)),
    ...[...new Set(cinemaIds)].map((cinemaId) => s.db.insert(staffCinemas).values({ userId: user.id, cinemaId, createdAt: s.now })),
    auditEntry(s, actor, "staff.assign", user.id, { email, from: user.role, role, cinemaIds }),
  ]);
}
