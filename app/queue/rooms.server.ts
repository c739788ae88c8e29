import { and, eq, ne } from "drizzle-orm";
import { screens, showtimes, waitingRooms } from "#app/db/schema.server";
import { inScope, type Scope } from "#app/admin/guard.server";
import type { Services } from "#app/utils/context.server";
import { roomOf } from "./gateway.server";
import { seatsOf } from "#app/seats/gateway.server";

export function queuePath(showtimeId: string): string {
  return `/queue/${showtimeId}`;
}

/**
 * Marks a showtime high demand (or changes its opening or rate) and tells its room. The room and
 * the seat object's gate first, D1 last: if telling the room fails, D1 does not claim a room that
 * gates nothing, and opening again is safe (configure keeps what the room already has).
 */
export async function openRoom(
  s: Services,
  args: {
    showtimeId: string;
    opensAt: number;
    admitPerMinute: number | null;
    /** Rooms sharing this name share one per-account ticket cap (ADR 027); undefined keeps what the room has. */
    onSale?: string | null;
    /** Tickets one account may hold + buy across the on-sale's shows; undefined keeps what the room has. */
    ticketsPerAccount?: number | null;
  },
) {
  const stats = await roomOf(s.env, args.showtimeId).configure({ showtimeId: args.showtimeId, opensAt: args.opensAt, ratePerMinute: args.admitPerMinute });
  // Holds are gated by the seat object itself (no D1 read per hold), to the opening tokens name.
  await seatsOf(s.env, args.showtimeId).setRoomGate(stats.opensAt);
  // The room keeps the opening it already drew at; D1 must agree, since tokens are bound to it.
  await s.db
    .insert(waitingRooms)
    .values({
      showtimeId: args.showtimeId,
      opensAt: stats.opensAt,
      admitPerMinute: args.admitPerMinute,
      status: "ACTIVE",
      onSale: args.onSale ?? null,
      ticketsPerAccount: args.ticketsPerAccount ?? null,
      createdAt: s.now,
      updatedAt: s.now,
    })
    .onConflictDoUpdate({
      target: waitingRooms.showtimeId,
      set: {
        opensAt: stats.opensAt,
        admitPerMinute: args.admitPerMinute,
        status: "ACTIVE",
        ...(args.onSale !== undefined ? { onSale: args.onSale } : {}),
        ...(args.ticketsPerAccount !== undefined ? { ticketsPerAccount: args.ticketsPerAccount } : {}),
        updatedAt: s.now,
      },
    });
  return stats;
}

/** The objects first, D1 last (as for openRoom): if telling them fails, D1 still says ACTIVE and ending again is safe. */
export async function endRoom(s: Services, showtimeId: string): Promise<void> {
  await seatsOf(s.env, showtimeId).setRoomGate(null);
  // The room answers fans without asking D1, so it must hear that it has ended.
  await roomOf(s.env, showtimeId).end();
  await s.db.update(waitingRooms).set({ status: "ENDED", updatedAt: s.now }).where(eq(waitingRooms.showtimeId, showtimeId));
}

/** Whether the showtime has an open (ACTIVE) waiting room, as D1 records it. */
export async function roomIsActive(s: Services, showtimeId: string): Promise<boolean> {
  const row = await s.db.query.waitingRooms.findFirst({ where: eq(waitingRooms.showtimeId, showtimeId) });
  return row?.status === "ACTIVE";
}

/** A new admission rate (null: the room's default): D1 first, then the room. */
export async function setRoomRate(s: Services, showtimeId: string, admitPerMinute: number | null): Promise<void> {
  await s.db.update(waitingRooms).set({ admitPerMinute, updatedAt: s.now }).where(eq(waitingRooms.showtimeId, showtimeId));
  await roomOf(s.env, showtimeId).setRate(admitPerMinute);
}

/** What the console shows of a show's room: its state and on-sale cap, and the other shows sharing its on-sale. */
export async function roomSettings(s: Services, showtimeId: string) {
  const row = await s.db.query.waitingRooms.findFirst({ where: eq(waitingRooms.showtimeId, showtimeId) });
  if (!row) return null;
  const sharedWith = row.onSale
    ? await s.db
        .select({ showtimeId: waitingRooms.showtimeId, status: waitingRooms.status, ticketsPerAccount: waitingRooms.ticketsPerAccount })
        .from(waitingRooms)
        .where(and(eq(waitingRooms.onSale, row.onSale), ne(waitingRooms.showtimeId, showtimeId)))
        .orderBy(waitingRooms.showtimeId)
        .all()
    : [];
  return { status: row.status, onSale: row.onSale, ticketsPerAccount: row.ticketsPerAccount, admitPerMinute: row.admitPerMinute, sharedWith };
}

/**
 * Why this on-sale name can't be used by this operator (null: it can). The cap counts a fan's
 * tickets on every show with the name, so a cinema manager may only use a name no other cinema's
 * shows carry; and a name that is a show's id would join that show's own on-sale (held-shows SQL
 * keys a room without a name by its show id).
 */
export async function onSaleNameRefusal(s: Services, scope: Scope, name: string): Promise<string | null> {
  if (await s.db.select({ id: showtimes.id }).from(showtimes).where(eq(showtimes.id, name)).get()) return "That on-sale name is a show's id; pick another name.";
  if (scope.all) return null;
  const rows = await s.db
    .selectDistinct({ cinemaId: screens.cinemaId })
    .from(waitingRooms)
    .innerJoin(showtimes, eq(showtimes.id, waitingRooms.showtimeId))
    .innerJoin(screens, eq(screens.id, showtimes.screenId))
    .where(eq(waitingRooms.onSale, name))
    .all();
  return rows.every((r) => inScope(scope, r.cinemaId)) ? null : "That on-sale name is used by shows at cinemas you don't run; pick another name.";
}
