import type { AppLoadContext } from "react-router";
import { asc, eq, inArray, sql, type SQL, type Column } from "drizzle-orm";
import { auditLog, bookings, cinemas, screens, showtimes, staffCinemas } from "#app/db/schema.server";
import { STAFF_ROLES, type StaffRole } from "#app/domain/enums";
import { services, type Services } from "#app/utils/context.server";
import { randomId } from "#app/utils/crypto.server";
import { validateCsrf } from "#app/auth/csrf.server";
import { forbidden, notFound, readForm } from "#app/utils/http.server";
import { requireUser, type SessionUser } from "#app/auth/session.server";

/**
 * The one authorisation mechanism of the operator console. Every /admin loader and action calls
 * adminLoader / adminAction (or requireStaff) itself, naming its area and, for a route about one
 * object, that object: a parent route's loader does not run before (or instead of) a child's, so
 * authorising only the layout would leave children open.
 *
 * - area: which roles may enter at all (403 for the others);
 * - target: the booking/showtime/screen/cinema the route is about; it must belong to one of the
 *   staff member's cinemas, else 404 (another cinema's objects do not exist for them);
 * - lists filter with `scopeWhere(staff.scope, column)`.
 */
export type Area = "console" | "door" | "cinema" | "admin";

const AREA_ROLES: Record<Area, readonly StaffRole[]> = {
  /** The console's shell (navigation). */
  console: STAFF_ROLES,
  /** Door check-in. */
  door: STAFF_ROLES,
  /** A cinema's own business: screens, showtimes, sales, dashboard, bookings and refunds. */
  cinema: ["admin", "cinema_manager"],
  /** Marquee-wide: the film catalogue, cities and cinemas, the email pipeline, staff and option lists. */
  admin: ["admin"],
};

export type Scope = { all: true } | { all: false; cinemaIds: string[] };
export type Staff = SessionUser & { role: StaffRole; scope: Scope };
export type Target = { cinema: string } | { screen: string } | { showtime: string } | { booking: string };

export const isStaffRole = (role: string): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role);

export function inScope(scope: Scope, cinemaId: string): boolean {
  return scope.all || scope.cinemaIds.includes(cinemaId);
}

/** A WHERE condition limiting a list to the scope's cinemas (undefined: no limit). */
export function scopeWhere(scope: Scope, cinemaColumn: Column): SQL | undefined {
  if (scope.all) return undefined;
  return scope.cinemaIds.length ? inArray(cinemaColumn, scope.cinemaIds) : sql`0`;
}

async function scopeOf(s: Services, user: SessionUser & { role: StaffRole }): Promise<Scope> {
  if (user.role === "admin") return { all: true };
  const rows = await s.db.select({ cinemaId: staffCinemas.cinemaId }).from(staffCinemas).where(eq(staffCinemas.userId, user.id)).all();
  return { all: false, cinemaIds: rows.map((r) => r.cinemaId) };
}

/** Which cinema an object belongs to (null: no such object). */
export async function cinemaOf(s: Services, target: Target): Promise<string | null> {
  if ("cinema" in target) return (await s.db.select({ id: cinemas.id }).from(cinemas).where(eq(cinemas.id, target.cinema)).get())?.id ?? null;
  if ("screen" in target) return (await s.db.select({ id: screens.cinemaId }).from(screens).where(eq(screens.id, target.screen)).get())?.id ?? null;
  const byShowtime = s.db.select({ id: screens.cinemaId }).from(showtimes).innerJoin(screens, eq(screens.id, showtimes.screenId));
  if ("showtime" in target) return (await byShowtime.where(eq(showtimes.id, target.showtime)).get())?.id ?? null;
  const row = await s.db
    .select({ id: screens.cinemaId })
    .from(bookings)
    .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .where(eq(bookings.id, target.booking))
    .get();
  return row?.id ?? null;
}

const NOT_FOUND: Record<string, string> = {
  cinema: "That cinema doesn't exist.",
  screen: "That screen doesn't exist.",
  showtime: "That showtime doesn't exist.",
  booking: "That booking doesn't exist.",
};

/** 404 unless the object exists and is at one of the staff member's cinemas. */
export async function requireInScope(s: Services, staff: Pick<Staff, "scope">, target: Target): Promise<string> {
  const kind = Object.keys(target)[0]!;
  const cinemaId = await cinemaOf(s, target);
  if (!cinemaId || !inScope(staff.scope, cinemaId)) notFound(NOT_FOUND[kind]);
  return cinemaId;
}

/** The cinemas a staff member works at, for pickers and filters. */
export async function cinemasInScope(s: Services, scope: Scope) {
  return s.db.select({ id: cinemas.id, name: cinemas.name }).from(cinemas).where(scopeWhere(scope, cinemas.id)).orderBy(asc(cinemas.name)).all();
}

/** Anonymous visitors are sent to log in; customers and staff outside the area get a 403. */
export async function requireStaff(request: Request, s: Services, area: Area, target?: Target): Promise<Staff> {
  const user = await requireUser(request, s);
  if (!isStaffRole(user.role)) forbidden("This page is for Marquee operators.");
  if (!AREA_ROLES[area].includes(user.role)) forbidden(area === "admin" ? "Only a Marquee admin can do this." : "Your account can't open this part of the console.");
  const staff: Staff = { ...user, role: user.role, scope: await scopeOf(s, { ...user, role: user.role }) };
  if (target) await requireInScope(s, staff, target);
  return staff;
}

export async function adminLoader(request: Request, context: AppLoadContext, area: Area, target?: Target) {
  const s = services(context, request);
  const admin = await requireStaff(request, s, area, target);
  return { s, admin };
}

/** For resource routes (downloads), which have no error boundary: refusals are plain responses. */
export async function adminResourceLoader(request: Request, context: AppLoadContext, area: Area) {
  const s = services(context, request);
  try {
    const admin = await requireStaff(request, s, area);
    return { s, admin };
  } catch (error) {
    if (error instanceof Response) throw error;
    const status = (error as { init?: { status?: number } }).init?.status ?? 403;
    const message = (error as { data?: { message?: string } }).data?.message ?? "This page is for Marquee operators.";
    throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** The prologue of every state-changing operator action: who and where (scope), then is it a real form (CSRF). */
export async function adminAction(request: Request, context: AppLoadContext, area: Area, target?: Target) {
  const s = services(context, request);
  const admin = await requireStaff(request, s, area, target);
  const form = await readForm(request);
  await validateCsrf(request, form, s);
  return { s, admin, form };
}

/** An audit_log insert, to go into the same db.batch() as the change it records. */
export function auditEntry(s: Services, actor: Pick<SessionUser, "id">, action: string, target: string, details?: Record<string, unknown>) {
  return s.db.insert(auditLog).values({ id: randomId(16), actorUserId: actor.id, action, target, details: details ?? null, createdAt: s.now });
}

export async function audit(s: Services, actor: Pick<SessionUser, "id">, action: string, target: string, details?: Record<string, unknown>) {
  await auditEntry(s, actor, action, target, details);
}
