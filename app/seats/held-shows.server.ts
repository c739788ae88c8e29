import { describeSaleCap, describeShowsHeldLimit, holdSummaryPath, secondsUntilFirstEnds, type OtherHold } from "#app/domain/person-limits";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import type { AppConfig } from "#app/utils/env.server";
import { routedD1 } from "#app/utils/d1-session.server";
import { log } from "#app/observability/log.server";
import { allSales, type ShardEnv } from "#app/db/shards.server";

/**
 * Limits across shows, counted per account in D1 (ADR 027). Before the seat object takes a hold,
 * ONE conditional upsert puts the (account, show) row in `held_shows` only if
 *   - the account's other live rows number fewer than MAX_SHOWS_HELD_PER_USER, and
 *   - when the show's waiting room is ACTIVE with `tickets_per_account`, the account's live holds on
 *     the on-sale's other shows + its bought (CONFIRMED, or PENDING_PAYMENT within the hold's
 *     deadline) seats on all of them + the seats asked for stay within it.
 * D1 runs each statement alone, so parallel holds on different shows are counted exactly: the
 * (cap + 1)th finds the others' rows. A refused hold takes back only a row its own request made.
 * Rows end when the seat object releases the hold or claims it for a payment (`forgetHeldShow`,
 * called from the object), or when `expires_at` passes (the hold's own deadline).
 */

export type HeldShowsLimits = Pick<AppConfig, "MAX_SHOWS_HELD_PER_USER" | "HOLD_CEILING_SECONDS" | "HOLD_TTL_SECONDS" | "HOLD_EXTENSION_SECONDS">;

export type Reservation =
  | { ok: true; token: string }
  | { ok: false; status: 409; code: "shows_held_limit" | "sale_limit_reached"; message: string; retryAfterSeconds: number | null; holds: HeldElsewhere[] };

export type HeldElsewhere = OtherHold & { href: string };

/** The on-sale key of a show's ACTIVE capped room, as SQL taking the show id as ?2. */
const SALE_OF_SHOW = `(SELECT coalesce(r.on_sale, r.showtime_id) FROM waiting_rooms r WHERE r.showtime_id = ?2 AND r.status = 'ACTIVE' AND r.tickets_per_account IS NOT NULL)`;
const CAP_OF_SHOW = `(SELECT r.tickets_per_account FROM waiting_rooms r WHERE r.showtime_id = ?2 AND r.status = 'ACTIVE')`;

/** Seats the account holds on the on-sale's shows other than ?2 (a hold already turned into a booking counts as that booking). */
const HELD_IN_SALE = `(SELECT coalesce(sum(h.seats), 0) FROM held_shows h JOIN waiting_rooms r ON r.showtime_id = h.showtime_id
  WHERE h.user_id = ?1 AND h.showtime_id != ?2 AND h.expires_at > ?4 AND coalesce(r.on_sale, r.showtime_id) = ${SALE_OF_SHOW}
    AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.hold_id = h.hold_id))`;

/**
 * Seats the account has bought (or is paying for within the deadline) on the on-sale's shows whose
 * sales are in the shared database (shard 0): counted inside the reserving statement. Shows of other
 * booking databases (ADR 031) are counted just before it, `boughtInOtherShards`, and come in as ?8.
 */
const BOUGHT_IN_SALE = `(SELECT count(*) FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id JOIN waiting_rooms r ON r.showtime_id = b.showtime_id
  WHERE b.user_id = ?1 AND bs.status != 'RELEASED' AND coalesce(r.on_sale, r.showtime_id) = ${SALE_OF_SHOW}
    AND (b.status = 'CONFIRMED' OR (b.status = 'PENDING_PAYMENT' AND b.hold_expires_at > ?4)))`;

/**
 * Seats bought on the on-sale's shows that sell into booking databases other than the shared one
 * (one read of the shared database for the sale's shows and their shards, then one per such shard).
 * Nothing to read when the show's room has no ticket cap. Read before the reservation, so a booking
 * confirmed in between is missed only while its hold's row still counts it (the row goes when the
 * seat object hands the hold to a payment, after the booking is written).
 */
async function boughtInOtherShards(env: ShardEnv, args: { userId: string; showtimeId: string; now: number }): Promise<number> {
  const { results } = await routedD1(env.DB)
    .prepare(
      `SELECT r.showtime_id AS showtimeId, c.booking_shard AS shard FROM waiting_rooms r
         JOIN showtimes st ON st.id = r.showtime_id JOIN screens sc ON sc.id = st.screen_id JOIN cinemas c ON c.id = sc.cinema_id
       WHERE c.booking_shard != 0 AND coalesce(r.on_sale, r.showtime_id) = ${SALE_OF_SHOW}`,
    )
    .bind(args.userId, args.showtimeId)
    .all<{ showtimeId: string; shard: number }>();
  if (results.length === 0) return 0;
  const byShard = new Map<number, string[]>();
  for (const r of results) byShard.set(r.shard, [...(byShard.get(r.shard) ?? []), r.showtimeId]);
  const counts = await Promise.all(
    allSales(env)
      .filter((sales) => byShard.has(sales.shard))
      .map(async (sales) => {
        const shows = byShard.get(sales.shard) ?? [];
        const row = await sales.d1
          .prepare(
            `SELECT count(*) AS n FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
             WHERE b.user_id = ?1 AND bs.status != 'RELEASED' AND b.showtime_id IN (SELECT value FROM json_each(?2))
               AND (b.status = 'CONFIRMED' OR (b.status = 'PENDING_PAYMENT' AND b.hold_expires_at > ?3))`,
          )
          .bind(args.userId, JSON.stringify(shows), args.now)
          .first<{ n: number }>();
        return row?.n ?? 0;
      }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

const OTHER_SHOWS_HELD = `(SELECT count(*) FROM held_shows h WHERE h.user_id = ?1 AND h.showtime_id != ?2 AND h.expires_at > ?4)`;

/**
 * Reserves the account's place on this show before the seat object is asked. `seats` is how many
 * the hold asks for. A live row of the same show (a re-hold) keeps its token, so a refused re-hold
 * leaves the hold that is still there counted.
 */
export async function reserveHeldShow(
  env: ShardEnv,
  limits: HeldShowsLimits,
  args: { userId: string; showtimeId: string; seats: number; now: number },
): Promise<Reservation> {
  const db = routedD1(env.DB);
  const token = crypto.randomUUID();
  // Until the object answers, the row lives as long as any hold could (it is then set to the hold's own deadline).
  const provisionalEnd = args.now + Math.max(limits.HOLD_CEILING_SECONDS, limits.HOLD_TTL_SECONDS + limits.HOLD_EXTENSION_SECONDS) * 1000;
  const boughtElsewhere = await boughtInOtherShards(env, args);
  const row = await db
    .prepare(
      `INSERT INTO held_shows (user_id, showtime_id, hold_id, seats, expires_at, reserved_by)
       SELECT ?1, ?2, NULL, ?3, ?5, ?6
       WHERE ${OTHER_SHOWS_HELD} < ?7
         AND (${SALE_OF_SHOW} IS NULL OR ${HELD_IN_SALE} + ${BOUGHT_IN_SALE} + ?8 + ?3 <= ${CAP_OF_SHOW})
       ON CONFLICT (user_id, showtime_id) DO UPDATE SET
         reserved_by = CASE WHEN held_shows.expires_at > ?4 THEN held_shows.reserved_by ELSE excluded.reserved_by END,
         hold_id = CASE WHEN held_shows.expires_at > ?4 THEN held_shows.hold_id ELSE NULL END,
         seats = CASE WHEN held_shows.expires_at > ?4 THEN max(held_shows.seats, excluded.seats) ELSE excluded.seats END,
         expires_at = CASE WHEN held_shows.expires_at > ?4 THEN held_shows.expires_at ELSE excluded.expires_at END
       RETURNING reserved_by`,
    )
    .bind(args.userId, args.showtimeId, args.seats, args.now, provisionalEnd, token, limits.MAX_SHOWS_HELD_PER_USER, boughtElsewhere)
    .first<{ reserved_by: string }>();
  if (row) return { ok: true, token };
  return explainRefusal(env, limits, { ...args, boughtElsewhere });
}

/** Why the reservation was refused, in words naming the holds to release (read after the fact: the sentence, not the decision). */
async function explainRefusal(env: ShardEnv, limits: HeldShowsLimits, args: { userId: string; showtimeId: string; seats: number; now: number; boughtElsewhere: number }): Promise<Reservation> {
  const holds = await otherHolds(env, args);
  if (holds.length >= limits.MAX_SHOWS_HELD_PER_USER) {
    return {
      ok: false,
      status: 409,
      code: "shows_held_limit",
      message: describeShowsHeldLimit(holds, limits.MAX_SHOWS_HELD_PER_USER, args.now),
      retryAfterSeconds: secondsUntilFirstEnds(holds, args.now),
      holds,
    };
  }
  const db = routedD1(env.DB);
  const sale = await db
    .prepare(`SELECT ${CAP_OF_SHOW} AS cap, ${SALE_OF_SHOW} AS sale, ${BOUGHT_IN_SALE} AS bought`)
    .bind(args.userId, args.showtimeId, null, args.now)
    .first<{ cap: number | null; sale: string | null; bought: number }>();
  const saleShows = sale?.sale
    ? new Set(
        (
          await db
            .prepare("SELECT showtime_id FROM waiting_rooms WHERE coalesce(on_sale, showtime_id) = ?")
            .bind(sale.sale)
            .all<{ showtime_id: string }>()
        ).results.map((r) => r.showtime_id),
      )
    : new Set<string>();
  const held = holds.filter((h) => saleShows.has(h.showtimeId));
  const max = sale?.cap ?? 0;
  return {
    ok: false,
    status: 409,
    code: "sale_limit_reached",
    message: describeSaleCap({ max, bought: (sale?.bought ?? 0) + args.boughtElsewhere, held, asked: args.seats, now: args.now }),
    retryAfterSeconds: secondsUntilFirstEnds(held, args.now),
    holds: held,
  };
}

/** The account's live holds on shows other than this one, soonest ending first, with what a person needs to find them. */
export async function otherHolds(env: Pick<Env, "DB">, args: { userId: string; showtimeId: string; now: number }): Promise<HeldElsewhere[]> {
  const { results } = await routedD1(env.DB)
    .prepare(
      `SELECT h.showtime_id, h.seats, h.expires_at, m.title, s.starts_at, c.time_zone
       FROM held_shows h JOIN showtimes s ON s.id = h.showtime_id JOIN movies m ON m.id = s.movie_id
         JOIN screens sc ON sc.id = s.screen_id JOIN cinemas c ON c.id = sc.cinema_id
       WHERE h.user_id = ?1 AND h.showtime_id != ?2 AND h.expires_at > ?3
       ORDER BY h.expires_at`,
    )
    .bind(args.userId, args.showtimeId, args.now)
    .all<{ showtime_id: string; seats: number; expires_at: number; title: string; starts_at: number; time_zone: string }>();
  return results.map((r) => ({
    showtimeId: r.showtime_id,
    title: r.title,
    when: `${formatShowDate(r.starts_at, r.time_zone)}, ${formatShowTime(r.starts_at, r.time_zone)}`,
    seats: r.seats,
    expiresAt: r.expires_at,
    href: holdSummaryPath(r.showtime_id),
  }));
}

/** The seat object took the hold: the row now says which hold, how many seats, and its real deadline. */
export async function heldShowTaken(
  env: Pick<Env, "DB">,
  token: string,
  hold: { userId: string; showtimeId: string; holdId: string; seatIds: readonly string[]; expiresAt: number },
): Promise<void> {
  // An upsert, and this request's token: a parallel refused re-hold of the same show cannot take
  // back the row of the hold that the object did take.
  await routedD1(env.DB)
    .prepare(
      `INSERT INTO held_shows (user_id, showtime_id, hold_id, seats, expires_at, reserved_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (user_id, showtime_id) DO UPDATE SET hold_id = ?3, seats = ?4, expires_at = ?5, reserved_by = ?6`,
    )
    .bind(hold.userId, hold.showtimeId, hold.holdId, hold.seatIds.length, hold.expiresAt, token)
    .run();
}

/** The seat object refused (or could not be asked): a row this request made goes; a live hold's row stays. */
export async function heldShowRefused(env: Pick<Env, "DB">, args: { userId: string; showtimeId: string; token: string }): Promise<void> {
  await routedD1(env.DB)
    .prepare("DELETE FROM held_shows WHERE user_id = ?1 AND showtime_id = ?2 AND reserved_by = ?3")
    .bind(args.userId, args.showtimeId, args.token)
    .run();
}

/** The hold's new deadline after its one extension. */
export async function heldShowExtended(env: Pick<Env, "DB">, hold: { userId: string; showtimeId: string; expiresAt: number }): Promise<void> {
  await routedD1(env.DB)
    .prepare("UPDATE held_shows SET expires_at = ?3 WHERE user_id = ?1 AND showtime_id = ?2")
    .bind(hold.userId, hold.showtimeId, hold.expiresAt)
    .run();
}

/**
 * The hold ended other than by its deadline: released, or claimed for a payment (the booking counts
 * from then on). Called by the seat object itself, the one place every hold ends, so no route can forget it.
 */
export async function forgetHeldShow(db: D1Database, userId: string, showtimeId: string): Promise<void> {
  try {
    await db.prepare("DELETE FROM held_shows WHERE user_id = ?1 AND showtime_id = ?2").bind(userId, showtimeId).run();
  } catch (error) {
    // The hold has ended all the same; its row stops counting at the hold's deadline.
    log.error("held_shows.end_failed", { userId, showtimeId, outcome: "failed", error });
  }
}
