import { and, desc, eq, gte, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { auditLog, bookings, cinemas, movies, refunds, screens, showtimes, users } from "#app/db/schema.server";
import { buildDashboard, parseRange, type Basis, type DashboardRange } from "#app/domain/dashboard";
import { localDateKey } from "#app/domain/time";
import type { Services } from "#app/utils/context.server";
import { scopeWhere, type Scope, type Staff } from "./guard.server";
import type { Db } from "#app/utils/db.server";

const DAY = 86_400_000;

/**
 * The rows behind the dashboard, within the staff member's scope (and one cinema if asked). Each
 * query takes a UTC window a day and a half wider than the range on each side (every zone's local
 * day lies inside it) on either date a figure can be counted by; the domain then keeps what falls
 * on the range's local days.
 */
export async function loadDashboard(s: Services, args: { range: DashboardRange; basis: Basis; scope: Scope; cinemaId: string | null }) {
  const lo = Date.parse(`${args.range.from}T00:00:00Z`) - 1.5 * DAY;
  const hi = Date.parse(`${args.range.to}T00:00:00Z`) + 2.5 * DAY;
  const where = and(scopeWhere(args.scope, cinemas.id), args.cinemaId ? eq(cinemas.id, args.cinemaId) : undefined);
  const showWindow = and(gte(showtimes.startsAt, lo), lt(showtimes.startsAt, hi));
  const show = { cinemaId: cinemas.id, cinemaName: cinemas.name, movieTitle: movies.title, timeZone: cinemas.timeZone, startsAt: showtimes.startsAt };
  const [sales, refundRows, shows] = await Promise.all([
    s.db
      .select({ ...show, soldAt: sql<number>`${bookings.confirmedAt}`, seats: sql<number>`(SELECT count(*) FROM booking_seats bs WHERE bs.booking_id = ${bookings.id})`, grossPaise: bookings.totalAmount })
      .from(bookings)
      .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
      .innerJoin(movies, eq(movies.id, showtimes.movieId))
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
      .where(and(where, isNotNull(bookings.confirmedAt), or(and(gte(bookings.confirmedAt, lo), lt(bookings.confirmedAt, hi)), showWindow)))
      .all(),
    s.db
      .select({ ...show, refundedAt: refunds.createdAt, amountPaise: refunds.amount })
      .from(refunds)
      .innerJoin(bookings, eq(bookings.id, refunds.bookingId))
      .innerJoin(showtimes, eq(showtimes.id, bookings.showtimeId))
      .innerJoin(movies, eq(movies.id, showtimes.movieId))
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
      .where(and(where, ne(refunds.status, "FAILED"), or(and(gte(refunds.createdAt, lo), lt(refunds.createdAt, hi)), showWindow)))
      .all(),
    s.db
      .select({
        timeZone: cinemas.timeZone,
        startsAt: showtimes.startsAt,
        capacity: screens.seatCount,
        seatsSold: sql<number>`(SELECT count(*) FROM booking_seats bs WHERE bs.showtime_id = ${showtimes.id} AND bs.status = 'CONFIRMED')`,
      })
      .from(showtimes)
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
      // A cancelled show offered no seats: it would only drag occupancy down.
      .where(and(where, showWindow, eq(showtimes.status, "SCHEDULED")))
      .all(),
  ]);
  return buildDashboard({ range: args.range, basis: args.basis, sales, refunds: refundRows, shows });
}

/** The console's calendar when no cinema is chosen: every Marquee cinema today is in India. */
export const CONSOLE_TIME_ZONE = "Asia/Kolkata";

export type DashboardQuery = { range: DashboardRange; basis: Basis; cinemaId: string | null };

/** Reads the dashboard's GET parameters: a message (for a 400) or the query; another cinema is the caller's 404. */
export function parseDashboardQuery(url: URL, now: number): DashboardQuery | { error: string } {
  const p = url.searchParams;
  const range = parseRange({ range: p.get("range"), from: p.get("from"), to: p.get("to") }, localDateKey(now, CONSOLE_TIME_ZONE));
  if ("error" in range) return range;
  const basis: Basis = p.get("basis") === "show" ? "show" : "sale";
  const cinema = p.get("cinema") ?? "";
  if (cinema && !/^[A-Za-z0-9_-]{1,64}$/.test(cinema)) return { error: "That cinema isn't valid." };
  return { range, basis, cinemaId: cinema || null };
}

export function dashboardSearch(q: DashboardQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ range: q.range.kind, basis: q.basis, ...extra });
  if (q.range.kind === "custom") {
    params.set("from", q.range.from);
    params.set("to", q.range.to);
  }
  if (q.cinemaId) params.set("cinema", q.cinemaId);
  return params.toString();
}

/** The console home's recent activity: the audit log is Marquee-wide; a cinema manager sees their own actions. */
export async function recentAuditEntries(db: Db, staff: Pick<Staff, "id" | "scope">, limit = 15) {
  return db
    .select({ id: auditLog.id, action: auditLog.action, target: auditLog.target, createdAt: auditLog.createdAt, actor: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(staff.scope.all ? undefined : eq(auditLog.actorUserId, staff.id))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit)
    .all();
}
