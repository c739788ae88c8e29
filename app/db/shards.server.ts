import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import * as schema from "#app/db/schema.server";
import { cinemas, screens, showtimes } from "#app/db/schema.server";
import { randomId } from "#app/utils/crypto.server";
import { getDb, type Db } from "#app/utils/db.server";
import { routedD1 } from "#app/utils/d1-session.server";

/**
 * The one answer to "which booking database?" (issue 30, ADR 031). A showtime's sales (bookings,
 * booking seats, payments, refunds, webhook events, the email log of its bookings) live in the
 * booking database of its cinema's shard (`cinemas.booking_shard`, by region); accounts, sessions
 * and the catalogue stay in the shared database. Shard 0 is the binding `DB` itself, so a running
 * deployment upgrades in place: every booking made before shards is in shard 0.
 *
 * A booking id names its shard (`bk<n>_…`; the older `bkg_…` ids are shard 0), so a booking page, a
 * callback, a cancellation or an email finds its database without asking any other. A webhook names
 * only Razorpay's order: its notes (and the payment's, which Checkout copies) carry the booking id.
 */

/** The booking databases' bindings, shard n at index n. Adding a shard: docs/runbook.md. */
export const SHARD_BINDINGS = ["DB", "BOOKINGS_1"] as const satisfies readonly (keyof Env)[];

export type ShardEnv = Pick<Env, (typeof SHARD_BINDINGS)[number]>;

/** One booking database: its number, the raw binding (batches) and drizzle over it. */
export type Sales = { shard: number; d1: D1Database; db: Db };

const instances = new WeakMap<D1Database, Db>();

export function shardCount(): number {
  return SHARD_BINDINGS.length;
}

export function salesIn(env: ShardEnv, shard: number): Sales {
  const binding = SHARD_BINDINGS[shard];
  if (binding === undefined) throw new Error(`no booking database ${shard}`);
  const d1 = env[binding];
  if (shard === 0) return { shard, d1, db: getDb(env) };
  let db = instances.get(d1);
  if (!db) instances.set(d1, (db = drizzle(routedD1(d1), { schema })));
  return { shard, d1, db };
}

/** Every booking database, for the readers that cross shows (My bookings, the console, the crons). */
export function allSales(env: ShardEnv): Sales[] {
  return SHARD_BINDINGS.map((_, shard) => salesIn(env, shard));
}

const TAGGED = /^bk(\d{1,3})_/;

/** The shard a booking id names; a legacy `bkg_` id (or anything else) is shard 0. */
export function shardOfBooking(bookingId: string): number {
  const n = Number(TAGGED.exec(bookingId)?.[1] ?? 0);
  return n < SHARD_BINDINGS.length ? n : 0;
}

export function salesOfBooking(env: ShardEnv, bookingId: string): Sales {
  return salesIn(env, shardOfBooking(bookingId));
}

/** A fresh booking id in `shard`. */
export function newBookingId(shard: number): string {
  return `bk${shard}_${randomId(12)}`;
}

/** A showtime's shard never changes while it sells (a move is a runbook step), so an isolate keeps it. */
const showtimeShards = new Map<string, number>();

/** The shard of a showtime's cinema (one read of the shared database per showtime per isolate). */
export async function shardOfShowtime(env: ShardEnv, showtimeId: string): Promise<number> {
  const known = showtimeShards.get(showtimeId);
  if (known !== undefined) return known;
  const row = await getDb(env)
    .select({ shard: cinemas.bookingShard })
    .from(showtimes)
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .innerJoin(cinemas, eq(cinemas.id, screens.cinemaId))
    .where(eq(showtimes.id, showtimeId))
    .get();
  const shard = row && row.shard < SHARD_BINDINGS.length ? row.shard : 0;
  if (showtimeShards.size > 10_000) showtimeShards.clear();
  showtimeShards.set(showtimeId, shard);
  return shard;
}

export async function salesOfShowtime(env: ShardEnv, showtimeId: string): Promise<Sales> {
  return salesIn(env, await shardOfShowtime(env, showtimeId));
}

/** The booking id a Razorpay order's (or payment's) notes carry, when they carry one. */
export function bookingIdInNotes(notes: unknown): string | null {
  if (!notes || typeof notes !== "object" || Array.isArray(notes)) return null;
  const id = (notes as Record<string, unknown>).booking_id;
  return typeof id === "string" && id.length > 0 ? id : null;
}
