import { and, asc, count, eq, gte, isNotNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { bookings, bookingSeats, cinemas, movies, refunds, screens, showtimes } from "#app/db/schema.server";
import { showtimeSales, type ShowtimeSales } from "#app/domain/sales";
import { localDateKey } from "#app/domain/time";
import type { Db } from "#app/utils/db.server";
import { scopeWhere, type Scope } from "./guard.server";
import { allSales, salesOfShowtime, type ShardEnv } from "#app/db/shards.server";

const DAY = 86_400_000;

/**
 * Sales per showtime for the showtimes matching `where` (a condition on showtimes/screens).
 * Three grouped queries rather than one join, so one booking's many seats or refunds never
 * multiply another figure.
 */
async function salesWhere(env: ShardEnv, db: Db, where: SQL | undefined) {
  const base = await db
    .select({
      showtimeId: showtimes.id,
      startsAt: showtimes.startsAt,
      status: showtimes.status,
      movieTitle: movies.title,
      screenName: screens.name,
      cinemaId: cinemas.id,
      cinemaName: cinemas.name,
      timeZone: cinemas.timeZone,
      capacity: screens.seatCount,
    })
    .from(showtimes)
    .innerJoin(movies, eq(movies.id, showtimes.movieId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(where)
    .orderBy(asc(cinemas.name), asc(showtimes.startsAt), asc(screens.name))
    .all();
  // Each show's sales are in its cinema's booking database (ADR 031): every shard is asked about these shows.
  const ids = JSON.stringify(base.map((b) => b.showtimeId));
  const ofShows = (column: typeof bookings.showtimeId | typeof bookingSeats.showtimeId) => sql`${column} IN (SELECT value FROM json_each(${ids}))`;
  const perShard = await Promise.all(
    allSales(env).map(({ db: sales }) =>
      sales.batch([
        sales
          .select({ showtimeId: bookings.showtimeId, bookings: count(), gross: sql<number>`coalesce(sum(${bookings.totalAmount}), 0)`, fees: sql<number>`coalesce(sum(${bookings.feeAmount} + ${bookings.feeTaxAmount}), 0)` })
          .from(bookings)
          .where(and(ofShows(bookings.showtimeId), isNotNull(bookings.confirmedAt)))
          .groupBy(bookings.showtimeId),
        sales
          .select({ showtimeId: bookingSeats.showtimeId, seats: count() })
          .from(bookingSeats)
          .where(and(ofShows(bookingSeats.showtimeId), eq(bookingSeats.status, "CONFIRMED")))
          .groupBy(bookingSeats.showtimeId),
        sales
          .select({ showtimeId: bookings.showtimeId, amount: sql<number>`coalesce(sum(${refunds.amount}), 0)` })
          .from(refunds)
          .innerJoin(bookings, eq(bookings.id, refunds.bookingId))
          .where(and(ofShows(bookings.showtimeId), ne(refunds.status, "FAILED")))
          .groupBy(bookings.showtimeId),
      ]),
    ),
  );
  const paid = perShard.flatMap(([x]) => x);
  const sold = perShard.flatMap(([, x]) => x);
  const refunded = perShard.flatMap(([, , x]) => x);
  const paidBy = new Map(paid.map((p) => [p.showtimeId, p]));
  const soldBy = new Map(sold.map((p) => [p.showtimeId, p.seats]));
  const refundedBy = new Map(refunded.map((p) => [p.showtimeId, p.amount]));
  return base.map((b) => ({
    ...showtimeSales({
      showtimeId: b.showtimeId,
      startsAt: b.startsAt,
      movieTitle: b.movieTitle,
      cinemaName: b.cinemaName,
      screenName: b.screenName,
      status: b.status,
      capacity: b.capacity,
      seatsSold: soldBy.get(b.showtimeId) ?? 0,
      bookings: paidBy.get(b.showtimeId)?.bookings ?? 0,
      grossPaise: paidBy.get(b.showtimeId)?.gross ?? 0,
      feesPaise: paidBy.get(b.showtimeId)?.fees ?? 0,
      refundsPaise: refundedBy.get(b.showtimeId) ?? 0,
    }),
    timeZone: b.timeZone,
    cinemaId: b.cinemaId,
  }));
}

export type DaySales = ShowtimeSales & { timeZone: string; cinemaId: string };

/** Showtimes on a calendar day in each cinema's own time zone, with their sales (within the staff member's scope). */
export async function salesForDay(env: ShardEnv, db: Db, date: string, cinemaId: string | null, scope: Scope): Promise<DaySales[]> {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Every time zone's local day lies within a day and a half either side of UTC midnight.
  const window = and(gte(showtimes.startsAt, midnightUtc - 1.5 * DAY), lt(showtimes.startsAt, midnightUtc + 2.5 * DAY), cinemaId ? eq(screens.cinemaId, cinemaId) : undefined, scopeWhere(scope, screens.cinemaId));
  const rows = await salesWhere(env, db, window);
  return rows.filter((r) => localDateKey(r.startsAt, r.timeZone) === date);
}

export async function salesForShowtime(env: ShardEnv, db: Db, showtimeId: string): Promise<DaySales | null> {
  const rows = await salesWhere(env, db, eq(showtimes.id, showtimeId));
  return rows[0] ?? null;
}

/** How many of a showtime's seats are sold (CONFIRMED). */
export async function confirmedSeatCount(env: ShardEnv, showtimeId: string): Promise<number> {
  const { db } = await salesOfShowtime(env, showtimeId);
  const row = await db.select({ n: count() }).from(bookingSeats).where(and(eq(bookingSeats.showtimeId, showtimeId), eq(bookingSeats.status, "CONFIRMED"))).get();
  return row?.n ?? 0;
}
