import { and, desc, eq, gte, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { auditLog, bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes, users } from "#app/db/schema.server";
import { allSales } from "#app/db/shards.server";
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
  // The shared database knows the shows (and the scope); each booking database its own sales (ADR 031).
  const showsInWindow = await s.db
    .select({ id: showtimes.id, status: showtimes.status, capacity: screens.seatCount, timeZone: cinemas.timeZone, startsAt: showtimes.startsAt })
    .from(showtimes)
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(and(where, showWindow))
    .all();
  const windowIds = JSON.stringify(showsInWindow.map((x) => x.id));
  const inWindow = (column: typeof bookings.showtimeId | typeof bookingSeats.showtimeId) => sql`${column} IN (SELECT value FROM json_each(${windowIds}))`;
  const perShard = await Promise.all(
    allSales(s.env).map(({ db }) =>
      db.batch([
        db
          .select({ showtimeId: bookings.showtimeId, soldAt: sql<number>`${bookings.confirmedAt}`, seats: sql<number>`(SELECT count(*) FROM booking_seats bs WHERE bs.booking_id = ${bookings.id})`, grossPaise: bookings.totalAmount })
          .from(bookings)
          .where(and(isNotNull(bookings.confirmedAt), or(and(gte(bookings.confirmedAt, lo), lt(bookings.confirmedAt, hi)), inWindow(bookings.showtimeId)))),
        db
          .select({ showtimeId: bookings.showtimeId, refundedAt: refunds.createdAt, amountPaise: refunds.amount })
          .from(refunds)
          .innerJoin(bookings, eq(bookings.id, refunds.bookingId))
          .where(and(ne(refunds.status, "FAILED"), or(and(gte(refunds.createdAt, lo), lt(refunds.createdAt, hi)), inWindow(bookings.showtimeId)))),
        db
          .select({ showtimeId: bookingSeats.showtimeId, sold: sql<number>`count(*)` })
          .from(bookingSeats)
          .where(and(eq(bookingSeats.status, "CONFIRMED"), inWindow(bookingSeats.showtimeId)))
          .groupBy(bookingSeats.showtimeId),
      ]),
    ),
  );
  const saleRows = perShard.flatMap(([sales]) => sales);
  const refundRows = perShard.flatMap(([, r]) => r);
  const sold = new Map(perShard.flatMap(([, , counts]) => counts.map((c) => [c.showtimeId, c.sold] as const)));
  // The show facts of every showtime a sale or refund names (outside the window too), in scope only.
  const named = [...new Set([...saleRows, ...refundRows].map((r) => r.showtimeId))];
  const facts = new Map<string, { cinemaId: string; cinemaName: string; movieTitle: string; timeZone: string; startsAt: number }>();
  for (let i = 0; i < named.length; i += 500) {
    const rows = await s.db
      .select({ id: showtimes.id, cinemaId: cinemas.id, cinemaName: cinemas.name, movieTitle: movies.title, timeZone: cinemas.timeZone, startsAt: showtimes.startsAt })
      .from(showtimes)
      .innerJoin(movies, eq(movies.id, showtimes.movieId))
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
      .where(and(where, sql`${showtimes.id} IN (SELECT value FROM json_each(${JSON.stringify(named.slice(i, i + 500))}))`))
      .all();
    for (const { id, ...f } of rows) facts.set(id, f);
  }
  const sales = saleRows.flatMap(({ showtimeId, ...r }) => (facts.has(showtimeId) ? [{ ...facts.get(showtimeId)!, ...r }] : []));
  const refundsOut = refundRows.flatMap(({ showtimeId, ...r }) => (facts.has(showtimeId) ? [{ ...facts.get(showtimeId)!, ...r }] : []));
  // A cancelled show offered no seats: it would only drag occupancy down.
  const shows = showsInWindow
    .filter((x) => x.status === "SCHEDULED")
    .map((x) => ({ timeZone: x.timeZone, startsAt: x.startsAt, capacity: x.capacity, seatsSold: sold.get(x.id) ?? 0 }));
  return buildDashboard({ range: args.range, basis: args.basis, sales, refunds: refundsOut, shows });
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
