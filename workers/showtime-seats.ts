import { DurableObject } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { bookings, bookingSeats, screens, showtimes } from "#app/db/schema.server";
import { salesOfBooking, salesOfShowtime } from "#app/db/shards.server";
import { listSeats } from "#app/domain/layout";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import {
  canExtend,
  checkBlock,
  checkClaim,
  checkHoldRequest,
  cooldownUntil,
  extendHoldLife,
  isLive,
  nextAlarmAt,
  nextHoldLife,
  seatsOwnedBy,
  type HoldRules,
  type Occupant,
  type ShowtimeFacts,
} from "#app/domain/holds";
import { chaosAllowed } from "#app/utils/chaos.server";
import { getConfig } from "#app/utils/env.server";
import { forgetHeldShow } from "#app/seats/held-shows.server";
import type {
  ClaimResult,
  ExtendResult,
  Hold,
  HoldPass,
  HoldResult,
  SeatMapSnapshot,
  SeatStatus,
  SeatView,
  SharedSeatSnapshot,
  ShowtimeSeatsApi,
} from "#app/seats/contract";
import { migrateSeatStorage } from "./seat-storage-migrations";

/** Changes within this window reach each viewer as one delta (a sell-out burst is hundreds a second). */
export const BROADCAST_WINDOW_MS = 40;

/** How long a paid booking may hold its claim before the alarm asks D1 what became of it. */
export const CLAIM_TTL_MS = 2 * 60 * 1000;

type Attachment = { userId: string | null };
type SeatRow = { seat_id: string; kind: Occupant["kind"]; hold_id: string | null; user_id: string | null; booking_id: string | null; expires_at: number | null };
type HoldRow = { hold_id: string; user_id: string; seat_ids: string; created_at: number; expires_at: number; extended: number };
/** A hold as stored; whether it may still be extended is worked out when it is shown. */
type StoredHold = Omit<Hold, "canExtend">;

function rulesFrom(env: Env): HoldRules {
  const config = getConfig(env);
  const ttlMs = config.HOLD_TTL_SECONDS * 1000;
  return {
    ttlMs,
    maxSeatsPerUser: config.MAX_SEATS_PER_USER,
    extendMs: config.HOLD_EXTENSION_SECONDS * 1000,
    ceilingMs: Math.max(ttlMs, config.HOLD_CEILING_SECONDS * 1000),
    cooldownMs: config.HOLD_COOLDOWN_SECONDS * 1000,
  };
}

/**
 * One instance per showtime (`idFromName(showtimeId)`): the only writer of that showtime's holds.
 * State lives in the object's SQLite storage and is mirrored in memory for fast reads; D1 remains
 * the authority on what is sold.
 */
export class ShowtimeSeats extends DurableObject<Env> implements ShowtimeSeatsApi {
  private readonly sql: SqlStorage;
  private readonly rules: HoldRules;
  private showtimeId = "";
  private facts: ShowtimeFacts | null = null;
  private readonly occupants = new Map<string, Occupant>();
  private readonly holds = new Map<string, StoredHold>();
  private readonly holdByUser = new Map<string, string>();
  /** user id → until when they may not start a new hold (mirrors the cooldowns table). */
  private readonly cooldowns = new Map<string, number>();
  private version = 0;
  /** Seats changed since the last delta went out, and the timer that sends it. */
  private readonly pendingSeats = new Set<string>();
  /**
   * Who each socket belongs to, kept in memory once known: a flush to 2,000 viewers would otherwise
   * structured-clone 2,000 attachments back out of the runtime every window. Empty after the object
   * wakes from hibernation; viewerOf() then reads each attachment once.
   */
  private readonly viewers = new WeakMap<WebSocket, string | null>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The opening of the waiting room gating holds (mirrors meta 'room_opens_at'), or null. */
  private roomOpensAt: number | null = null;
  /** When the armed alarm fires (null: none); mirrors storage so a hold costs no alarm write. */
  private alarmAt: number | null = null;
  /** Tests move this object's clock forward instead of sleeping. */
  clockSkewMs = 0;
  /** Tests that count what happens per second pin the clock: then only they move it (with the skew). */
  pinnedNow: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.rules = rulesFrom(env);
    ctx.blockConcurrencyWhile(async () => {
      migrateSeatStorage(this.sql);
      // The name it was addressed by (idFromName) is the showtime id; an alarm wake-up may not carry
      // it, so the id stored on first use is the fallback.
      const known = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'showtime_id'").toArray()[0];
      // Versions never go back, even across a restart: each wake of an object that has served
      // starts a range of its own (its first life counts from 0), so nothing comparing two maps'
      // versions can take an older map for a newer one.
      if (known) {
        const wakes = Number(this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'wakes'").toArray()[0]?.value ?? 0) + 1;
        this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('wakes', ?)", String(wakes));
        this.version = wakes * 2 ** 32;
      }
      this.showtimeId = ctx.id.name ?? known?.value ?? "";
      const gate = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'room_opens_at'").toArray()[0];
      this.roomOpensAt = gate ? Number(gate.value) : null;
      this.loadFromStorage();
      this.alarmAt = await ctx.storage.getAlarm();
      // A cold object that has served before reloads its showtime and D1's sold seats before serving.
      if (known) await this.loadFacts();
    });
  }

  private now(): number {
    return (this.pinnedNow ?? Date.now()) + this.clockSkewMs;
  }

  private loadFromStorage(): void {
    for (const row of this.sql.exec<SeatRow>("SELECT * FROM seats").toArray()) {
      this.occupants.set(row.seat_id, rowToOccupant(row));
    }
    // Held seats are not rows of their own: a hold's row lists them, so a hold is one statement.
    for (const h of this.sql.exec<HoldRow>("SELECT * FROM holds").toArray()) {
      const hold: StoredHold = {
        holdId: h.hold_id,
        showtimeId: this.showtimeId,
        userId: h.user_id,
        seatIds: JSON.parse(h.seat_ids) as string[],
        createdAt: h.created_at,
        expiresAt: h.expires_at,
        extended: h.extended === 1,
      };
      this.holds.set(hold.holdId, hold);
      this.holdByUser.set(hold.userId, hold.holdId);
      for (const seatId of hold.seatIds) {
        if (!this.occupants.has(seatId)) this.occupants.set(seatId, { kind: "held", userId: hold.userId, holdId: hold.holdId, expiresAt: hold.expiresAt });
      }
    }
    for (const c of this.sql.exec<{ user_id: string; until: number }>("SELECT * FROM cooldowns").toArray()) {
      this.cooldowns.set(c.user_id, c.until);
    }
  }

  /** The showtime's layout, start and sold seats come from D1 the first time the object is asked. */
  private async ensureFacts(): Promise<ShowtimeFacts | null> {
    if (this.facts) return this.facts;
    await this.ctx.blockConcurrencyWhile(async () => {
      if (!this.facts) await this.loadFacts();
    });
    return this.facts;
  }

  private async loadFacts(): Promise<void> {
    const showtimeId = this.showtimeId;
    const db = drizzle(this.env.DB);
    const row = await db
      .select({ startsAt: showtimes.startsAt, status: showtimes.status, layout: screens.layout })
      .from(showtimes)
      .innerJoin(screens, eq(screens.id, showtimes.screenId))
      .where(eq(showtimes.id, showtimeId))
      .get();
    if (!row) {
      // Nothing is written for a showtime D1 doesn't know: a stray id must not leave state behind.
      this.facts = null;
      return;
    }
    this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('showtime_id', ?)", showtimeId);
    for (const hold of this.holds.values()) hold.showtimeId = showtimeId;
    const layout = seatLayoutSchema.parse(row.layout);
    this.facts = { seatIds: new Set(listSeats(layout).map((s) => s.id)), startsAt: row.startsAt, status: row.status };
    // The show's sales are in its cinema's booking database (ADR 031).
    const confirmed = await drizzle((await salesOfShowtime(this.env, showtimeId)).d1)
      .select({ seatId: bookingSeats.seatId, bookingId: bookingSeats.bookingId, userId: bookings.userId })
      .from(bookingSeats)
      .innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId))
      .where(and(eq(bookingSeats.showtimeId, showtimeId), eq(bookingSeats.status, "CONFIRMED")))
      .all();
    const soldInD1 = new Map(confirmed.map((c) => [c.seatId, c]));
    this.ctx.storage.transactionSync(() => {
      // D1 decides what is sold: stale sales are dropped, confirmed ones override anything else.
      for (const [seatId, occ] of this.occupants) {
        if (occ.kind === "sold" && !soldInD1.has(seatId)) this.removeSeat(seatId);
      }
      for (const [seatId, { bookingId, userId }] of soldInD1) {
        const occ = this.occupants.get(seatId);
        if (occ?.kind === "held") this.dropSeatFromHold(occ.holdId, seatId);
        this.putSeat(seatId, { kind: "sold", bookingId, userId });
      }
    });
    this.armAlarm();
  }

  /** Re-reads the showtime from D1 (after an operator edits or cancels it). */
  async refresh(): Promise<void> {
    await this.ctx.blockConcurrencyWhile(() => this.loadFacts());
    this.broadcastSnapshot();
  }

  // ── storage helpers (always inside a transaction, memory mirrors SQL) ─────────────────────────
  // A held seat lives only in its hold's row (seat_ids); the seats table has claims, sales and blocks.

  private putSeat(seatId: string, occ: Occupant): void {
    const previous = this.occupants.get(seatId);
    this.occupants.set(seatId, occ);
    if (occ.kind === "held") {
      // Taking over a stale claim or the like: its row must not come back on the next load.
      if (previous && previous.kind !== "held") this.sql.exec("DELETE FROM seats WHERE seat_id = ?", seatId);
      return;
    }
    // Sold seats keep their buyer, so the per-show limit counts them after a reload.
    const userId = occ.kind === "claimed" || occ.kind === "sold" ? (occ.userId ?? null) : null;
    const bookingId = occ.kind === "claimed" || occ.kind === "sold" ? occ.bookingId : null;
    const expiresAt = occ.kind === "claimed" ? occ.expiresAt : null;
    this.sql.exec(
      "INSERT OR REPLACE INTO seats (seat_id, kind, hold_id, user_id, booking_id, expires_at) VALUES (?, ?, NULL, ?, ?, ?)",
      seatId,
      occ.kind,
      userId,
      bookingId,
      expiresAt,
    );
  }

  private removeSeat(seatId: string): void {
    const previous = this.occupants.get(seatId);
    this.occupants.delete(seatId);
    if (previous && previous.kind !== "held") this.sql.exec("DELETE FROM seats WHERE seat_id = ?", seatId);
  }

  /**
   * Frees a hold's seats in memory; `deleteRow: false` when the caller's next statement replaces
   * the row. `endedAt` marks a hold that ended (expired or released): its owner then cools down;
   * a hold replaced by a new selection or turned into a claim does not.
   */
  private removeHold(holdId: string, { deleteRow = true, endedAt }: { deleteRow?: boolean; endedAt?: number } = {}): string[] {
    const hold = this.holds.get(holdId);
    if (!hold) return [];
    if (endedAt !== undefined) this.startCooldown(hold.userId, endedAt);
    const freed: string[] = [];
    for (const seatId of hold.seatIds) {
      const occ = this.occupants.get(seatId);
      if (occ?.kind === "held" && occ.holdId === holdId) {
        this.occupants.delete(seatId);
        freed.push(seatId);
      }
    }
    this.holds.delete(holdId);
    if (this.holdByUser.get(hold.userId) === holdId) this.holdByUser.delete(hold.userId);
    if (deleteRow) this.sql.exec("DELETE FROM holds WHERE hold_id = ?", holdId);
    return freed;
  }

  private dropSeatFromHold(holdId: string, seatId: string): void {
    const hold = this.holds.get(holdId);
    if (!hold) return;
    hold.seatIds = hold.seatIds.filter((s) => s !== seatId);
    const occ = this.occupants.get(seatId);
    if (occ?.kind === "held" && occ.holdId === holdId) this.occupants.delete(seatId);
    if (hold.seatIds.length === 0) {
      this.removeHold(holdId);
    } else {
      this.sql.exec("UPDATE holds SET seat_ids = ? WHERE hold_id = ?", JSON.stringify(hold.seatIds), holdId);
    }
  }

  private startCooldown(userId: string, endedAt: number): void {
    const until = cooldownUntil(endedAt, this.rules);
    if (until === null) return;
    this.cooldowns.set(userId, until);
    this.sql.exec("INSERT OR REPLACE INTO cooldowns (user_id, until) VALUES (?, ?)", userId, until);
  }

  /** Releases every hold past its expiry; returns the seats freed. Harmless to run any number of times. */
  private sweepExpiredHolds(now: number): string[] {
    const freed: string[] = [];
    for (const hold of [...this.holds.values()]) {
      // The cool-down runs from the deadline, not from whenever the sweep happened to notice.
      if (hold.expiresAt <= now) freed.push(...this.removeHold(hold.holdId, { deleteRow: false, endedAt: hold.expiresAt }));
    }
    for (const [userId, until] of [...this.cooldowns]) {
      if (until <= now) {
        this.cooldowns.delete(userId);
        this.sql.exec("DELETE FROM cooldowns WHERE user_id = ?", userId);
      }
    }
    if (freed.length) this.sql.exec("DELETE FROM holds WHERE expires_at <= ?", now);
    return freed;
  }

  private liveHoldOf(userId: string, now: number): StoredHold | null {
    const holdId = this.holdByUser.get(userId);
    const hold = holdId ? this.holds.get(holdId) : undefined;
    return hold && hold.expiresAt > now ? hold : null;
  }

  private view(hold: StoredHold, now: number): Hold {
    return { ...hold, seatIds: [...hold.seatIds], canExtend: canExtend(hold, now, this.rules) };
  }

  private writeHold(hold: StoredHold): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO holds (hold_id, user_id, seat_ids, created_at, expires_at, extended) VALUES (?, ?, ?, ?, ?, ?)",
      hold.holdId,
      hold.userId,
      JSON.stringify(hold.seatIds),
      hold.createdAt,
      hold.expiresAt,
      hold.extended ? 1 : 0,
    );
  }

  /**
   * Keeps one alarm at or before the earliest deadline. An alarm that is already earlier is left
   * alone: firing early only sweeps nothing and re-arms, while moving it on every hold would cost a
   * storage write per request. For the same reason a now-empty object keeps its alarm.
   */
  private armAlarm(): void {
    const deadlines: number[] = [];
    for (const h of this.holds.values()) deadlines.push(h.expiresAt);
    for (const o of this.occupants.values()) if (o.kind === "claimed") deadlines.push(o.expiresAt);
    const at = nextAlarmAt(deadlines);
    if (at === null || (this.alarmAt !== null && this.alarmAt <= at)) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  // ── RPC surface ───────────────────────────────────────────────────────────────────────────────

  async snapshot(viewerUserId: string | null): Promise<SeatMapSnapshot> {
    await this.ensureFacts();
    const now = this.now();
    const hold = viewerUserId ? this.liveHoldOf(viewerUserId, now) : null;
    const cooldown = viewerUserId ? (this.cooldowns.get(viewerUserId) ?? 0) : 0;
    return {
      showtimeId: this.showtimeId,
      version: this.version,
      seats: this.statusesFor(viewerUserId, now),
      yourHold: hold ? this.view(hold, now) : null,
      yourCooldownUntil: !hold && cooldown > now ? cooldown : null,
      serverNow: now,
      roomOpensAt: this.roomOpensAt,
    };
  }

  /** Seats in the layout and those nobody holds, pays for, owns or blocks (the waiting room admits by it). */
  async availability(): Promise<{ total: number; free: number }> {
    const facts = await this.ensureFacts();
    if (!facts) return { total: 0, free: 0 };
    const now = this.now();
    let taken = 0;
    for (const [seatId, occ] of this.occupants) if (isLive(occ, now) && facts.seatIds.has(seatId)) taken += 1;
    return { total: facts.seatIds.size, free: facts.seatIds.size - taken };
  }

  /**
   * The seat map for no one in particular, plus the live holds so a Worker can mark a viewer's own
   * seats itself: one call serves every page view of this version (app/seats/snapshot-cache.server.ts).
   */
  async sharedSnapshot(): Promise<SharedSeatSnapshot> {
    await this.ensureFacts();
    const now = this.now();
    const holds: Hold[] = [];
    let nextChangeAt: number | null = null;
    for (const h of this.holds.values()) {
      if (h.expiresAt <= now) continue;
      holds.push(this.view(h, now));
      if (nextChangeAt === null || h.expiresAt < nextChangeAt) nextChangeAt = h.expiresAt;
    }
    for (const o of this.occupants.values()) {
      if (o.kind === "claimed" && o.expiresAt > now && (nextChangeAt === null || o.expiresAt < nextChangeAt)) nextChangeAt = o.expiresAt;
    }
    const cooldowns: Record<string, number> = {};
    for (const [userId, until] of this.cooldowns) if (until > now) cooldowns[userId] = until;
    return {
      showtimeId: this.showtimeId,
      version: this.version,
      seats: this.statusesFor(null, now) as Record<string, SeatStatus>,
      holds,
      cooldowns,
      serverNow: now,
      nextChangeAt,
      roomOpensAt: this.roomOpensAt,
    };
  }

  async setRoomGate(opensAt: number | null): Promise<void> {
    if (opensAt === null) this.sql.exec("DELETE FROM meta WHERE key = 'room_opens_at'");
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('room_opens_at', ?)", String(opensAt));
    this.roomOpensAt = opensAt;
    // Pages learn of the room from the shared snapshot: a new version retires every cached copy.
    this.version += 1;
  }

  async hold(userId: string, seatIds: string[], pass?: HoldPass): Promise<HoldResult> {
    const facts = await this.ensureFacts();
    if (!facts) return { ok: false, refusal: { code: "showtime_not_found" } };
    // The gate lives here, beside the seats, so a hold costs no D1 read to learn whether a room is
    // open, and no cached belief about the room can let an unadmitted fan through.
    if (this.roomOpensAt !== null) {
      if (pass?.admittedFor !== this.roomOpensAt) return { ok: false, refusal: { code: "admission_required" } };
      if (!pass.human) return { ok: false, refusal: { code: "bot_check_required" } };
    }
    const now = this.now();
    // A hold past its deadline that the alarm has not swept yet has ended all the same: sweep it
    // first, so its owner's cool-down (from that deadline) applies to this very request.
    const swept = this.sweepExpiredHolds(now);
    if (swept.length) this.broadcast(swept);
    const current = this.liveHoldOf(userId, now);
    const refusal = checkHoldRequest({
      userId,
      seatIds,
      showtime: facts,
      rules: this.rules,
      now,
      occupantOf: (id) => this.occupants.get(id),
      ownedSeats: seatsOwnedBy(this.occupants.values(), userId),
      cooldownUntil: this.cooldowns.get(userId) ?? null,
      hasLiveHold: current !== null,
    });
    if (refusal) return { ok: false, refusal };

    // Changing seats, re-holding the same seats or a second tab keeps the life of the live hold.
    const life = nextHoldLife(current, now, this.rules);
    const hold: StoredHold = { holdId: crypto.randomUUID(), showtimeId: this.showtimeId, userId, seatIds: [...seatIds], ...life };
    const changed = new Set<string>(seatIds);
    // One live hold per user: INSERT OR REPLACE on the unique user_id drops their previous hold's row
    // in the same statement, so the common hold is exactly one SQLite write.
    const previous = this.holdByUser.get(userId);
    if (previous) for (const s of this.removeHold(previous, { deleteRow: false })) changed.add(s);
    this.holds.set(hold.holdId, hold);
    this.holdByUser.set(userId, hold.holdId);
    this.writeHold(hold);
    for (const seatId of seatIds) this.putSeat(seatId, { kind: "held", userId, holdId: hold.holdId, expiresAt: hold.expiresAt });
    // Dropping holds never needs an earlier alarm, so only a hold that ends before the armed one
    // costs the scan over every deadline.
    if (this.alarmAt === null || hold.expiresAt < this.alarmAt) this.armAlarm();
    this.broadcast(changed);
    return { ok: true, hold: this.view(hold, now) };
  }

  async getHold(holdId: string): Promise<Hold | null> {
    const hold = this.holds.get(holdId);
    const now = this.now();
    return hold && hold.expiresAt > now ? this.view(hold, now) : null;
  }

  async release(userId: string, holdId: string): Promise<boolean> {
    const hold = this.holds.get(holdId);
    if (!hold || hold.userId !== userId) return false;
    const now = this.now();
    let freed: string[] = [];
    this.ctx.storage.transactionSync(() => {
      freed = this.removeHold(holdId, { endedAt: Math.min(now, hold.expiresAt) });
    });
    this.armAlarm();
    this.broadcast(freed);
    // The account may hold seats on another show at once (ADR 027): every release ends here.
    await forgetHeldShow(this.env.DB, userId, this.showtimeId);
    return true;
  }

  async extend(userId: string, holdId: string): Promise<ExtendResult> {
    const now = this.now();
    const current = this.liveHoldOf(userId, now);
    if (!current || current.holdId !== holdId) return { ok: false, reason: "no_hold" };
    const result = extendHoldLife(current, now, this.rules);
    if (!result.ok) return result;
    const hold: StoredHold = { ...current, ...result.life };
    this.ctx.storage.transactionSync(() => {
      this.holds.set(holdId, hold);
      this.writeHold(hold);
      for (const seatId of hold.seatIds) this.putSeat(seatId, { kind: "held", userId, holdId, expiresAt: hold.expiresAt });
    });
    // No seat changes state, but a snapshot shows the hold's expiry: a new version retires every copy.
    this.version += 1;
    return { ok: true, hold: this.view(hold, now) };
  }

  async claimForBooking(bookingId: string, userId: string, seatIds: string[]): Promise<ClaimResult> {
    const facts = await this.ensureFacts();
    const now = this.now();
    const conflicts = checkClaim({ bookingId, userId, seatIds, showtime: facts, now, occupantOf: (id) => this.occupants.get(id) });
    if (conflicts.length) return { ok: false, seats: conflicts };
    // The per-show limit counts every booking of the user: two bookings cannot add up past it.
    if (seatsOwnedBy(this.occupants.values(), userId, bookingId) + new Set(seatIds).size > this.rules.maxSeatsPerUser) {
      return { ok: false, seats: seatIds.map((seatId) => ({ seatId, reason: "over_limit" })) };
    }

    const changed = new Set<string>(seatIds);
    this.ctx.storage.transactionSync(() => {
      for (const s of this.sweepExpiredHolds(now)) changed.add(s);
      const holdId = this.holdByUser.get(userId);
      if (holdId) for (const s of this.removeHold(holdId)) changed.add(s);
      for (const seatId of seatIds) {
        const occ = this.occupants.get(seatId);
        if (occ?.kind === "sold" && occ.bookingId === bookingId) continue;
        this.putSeat(seatId, { kind: "claimed", bookingId, userId, expiresAt: now + CLAIM_TTL_MS });
      }
    });
    this.armAlarm();
    this.broadcast(changed);
    // From the claim on, the booking counts where the hold did (ADR 027).
    await forgetHeldShow(this.env.DB, userId, this.showtimeId);
    return { ok: true };
  }

  async confirmSale(bookingId: string): Promise<void> {
    const confirmed = await this.confirmedSeatsOf(bookingId);
    const changed = new Set<string>();
    this.ctx.storage.transactionSync(() => {
      for (const [seatId, userId] of confirmed) {
        const occ = this.occupants.get(seatId);
        if (occ?.kind === "sold" && occ.bookingId === bookingId) continue;
        if (occ?.kind === "held") this.dropSeatFromHold(occ.holdId, seatId);
        this.putSeat(seatId, { kind: "sold", bookingId, userId });
        changed.add(seatId);
      }
      // Seats claimed for the booking that D1 did not confirm go back on sale.
      for (const [seatId, occ] of [...this.occupants]) {
        if (occ.kind === "claimed" && occ.bookingId === bookingId && !confirmed.has(seatId)) {
          this.removeSeat(seatId);
          changed.add(seatId);
        }
      }
    });
    this.armAlarm();
    this.broadcast(changed);
  }

  async releaseBooking(bookingId: string): Promise<void> {
    // A CONFIRMED row in D1 is never put back on sale, whatever the caller believes.
    const confirmed = await this.confirmedSeatsOf(bookingId);
    const changed: string[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const [seatId, occ] of [...this.occupants]) {
        if ((occ.kind === "claimed" || occ.kind === "sold") && occ.bookingId === bookingId && !confirmed.has(seatId)) {
          this.removeSeat(seatId);
          changed.push(seatId);
        }
      }
    });
    this.armAlarm();
    this.broadcast(changed);
  }

  async block(seatIds: string[]) {
    const facts = await this.ensureFacts();
    const now = this.now();
    const seats = checkBlock({ seatIds, showtime: facts, now, occupantOf: (id) => this.occupants.get(id) });
    if (seats.length) return { ok: false as const, seats };
    this.ctx.storage.transactionSync(() => {
      this.sweepExpiredHolds(now);
      for (const seatId of seatIds) this.putSeat(seatId, { kind: "blocked" });
    });
    this.broadcast(seatIds);
    return { ok: true as const };
  }

  async unblock(seatIds: string[]): Promise<void> {
    const changed: string[] = [];
    this.ctx.storage.transactionSync(() => {
      for (const seatId of seatIds) {
        if (this.occupants.get(seatId)?.kind === "blocked") {
          this.removeSeat(seatId);
          changed.push(seatId);
        }
      }
    });
    this.broadcast(changed);
  }

  /** The booking's CONFIRMED seats in D1, each with the booking's owner. */
  private async confirmedSeatsOf(bookingId: string): Promise<Map<string, string>> {
    // The booking's own database (ADR 031): its id names the shard.
    const rows = await drizzle(salesOfBooking(this.env, bookingId).d1)
      .select({ seatId: bookingSeats.seatId, userId: bookings.userId })
      .from(bookingSeats)
      .innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId))
      .where(and(eq(bookingSeats.bookingId, bookingId), eq(bookingSeats.status, "CONFIRMED")))
      .all();
    return new Map(rows.map((r) => [r.seatId, r.userId]));
  }

  /**
   * Chaos runs only (ADR 028): the object drops everything it holds in memory, as an eviction or a
   * crash does, and the next call rebuilds it from storage. Refused wherever chaos is.
   */
  async chaosEvict(): Promise<boolean> {
    if (!chaosAllowed(getConfig(this.env))) return false;
    this.ctx.abort("evicted (chaos run)");
    return true;
  }

  // ── alarm: expire holds, settle stale claims ──────────────────────────────────────────────────

  async alarm(): Promise<void> {
    // The alarm that is running is spent; armAlarm() below sets the next one if anything is pending.
    this.alarmAt = null;
    const now = this.now();
    const changed = new Set<string>();
    this.ctx.storage.transactionSync(() => {
      for (const s of this.sweepExpiredHolds(now)) changed.add(s);
    });
    const staleBookings = new Set<string>();
    for (const occ of this.occupants.values()) {
      if (occ.kind === "claimed" && occ.expiresAt <= now) staleBookings.add(occ.bookingId);
    }
    for (const bookingId of staleBookings) {
      // The payment flow died between claim and confirm: D1 says whether the sale happened.
      const confirmed = await this.confirmedSeatsOf(bookingId);
      this.ctx.storage.transactionSync(() => {
        for (const [seatId, occ] of [...this.occupants]) {
          if (occ.kind !== "claimed" || occ.bookingId !== bookingId) continue;
          if (confirmed.has(seatId)) this.putSeat(seatId, { kind: "sold", bookingId, userId: occ.userId });
          else this.removeSeat(seatId);
          changed.add(seatId);
        }
      });
    }
    this.armAlarm();
    this.broadcast(changed);
  }

  // ── live seat map over hibernatable WebSockets ────────────────────────────────────────────────

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const userId = request.headers.get("X-Marquee-Viewer") || null;
    if (!(await this.ensureFacts())) return new Response("We couldn't find that showtime.", { status: 404 });
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ userId } satisfies Attachment);
    this.viewers.set(server, userId);
    server.send(JSON.stringify({ type: "snapshot", ...(await this.snapshot(userId)) }));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only ever ask for a fresh snapshot (after a reconnect or a missed version).
    if (message === "snapshot") {
      ws.send(JSON.stringify({ type: "snapshot", ...(await this.snapshot(this.viewerOf(ws))) }));
    }
  }

  /**
   * A viewer whose phone drops off the network never sends a close frame: the runtime reports 1006
   * (or an error) here. Those codes may not be sent back, and the socket may already be gone, so
   * answering must never throw out of the object.
   */
  async webSocketClose(ws: WebSocket, code: number, _reason: string, _wasClean: boolean): Promise<void> {
    closeQuietly(ws, code === 1005 || code === 1006 || code === 1015 ? 1000 : code);
  }

  async webSocketError(ws: WebSocket, _error: unknown): Promise<void> {
    closeQuietly(ws, 1011);
  }

  private statusesFor(viewerUserId: string | null, now: number, only?: Iterable<string>): Record<string, SeatView> {
    const out: Record<string, SeatView> = {};
    const ids = only ?? this.occupants.keys();
    for (const seatId of ids) {
      const occ = this.occupants.get(seatId);
      if (!isLive(occ, now)) {
        if (only) out[seatId] = "available";
        continue;
      }
      out[seatId] =
        occ.kind === "held" ? (occ.userId === viewerUserId ? "yours" : "held") : occ.kind === "claimed" ? "sold" : occ.kind;
    }
    return out;
  }

  /**
   * Every change bumps the version at once (a snapshot always names the state it shows), but viewers
   * get one delta per BROADCAST_WINDOW_MS with every seat that changed in it: a burst of holds costs
   * each viewer one message, not one per hold.
   */
  private broadcast(seatIds: Iterable<string>): void {
    let any = false;
    for (const id of seatIds) {
      this.pendingSeats.add(id);
      any = true;
    }
    if (!any) return;
    this.version += 1;
    this.flushTimer ??= setTimeout(() => this.flushBroadcast(), BROADCAST_WINDOW_MS);
  }

  private flushBroadcast(): void {
    this.flushTimer = undefined;
    const ids = [...this.pendingSeats];
    this.pendingSeats.clear();
    if (ids.length === 0) return;
    const now = this.now();
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    // Viewers differ only where one of the changed seats is their own hold: everyone else shares one
    // serialised message.
    const holders = new Set<string>();
    for (const id of ids) {
      const occ = this.occupants.get(id);
      if (occ?.kind === "held") holders.add(occ.userId);
    }
    const shared = JSON.stringify({ type: "delta", version: this.version, seats: this.statusesFor(null, now, ids) });
    // A holder watching from two tabs gets the same personal message in both: serialised once.
    const personal = new Map<string, string>();
    for (const ws of sockets) {
      const userId = holders.size ? this.viewerOf(ws) : null;
      let message = shared;
      if (userId && holders.has(userId)) {
        message = personal.get(userId) ?? JSON.stringify({ type: "delta", version: this.version, seats: this.statusesFor(userId, now, ids) });
        personal.set(userId, message);
      }
      try {
        ws.send(message);
      } catch {
        // A socket that is closing will be cleaned up by the runtime.
      }
    }
  }

  private viewerOf(ws: WebSocket): string | null {
    let userId = this.viewers.get(ws);
    if (userId === undefined) {
      userId = (ws.deserializeAttachment() as Attachment | null)?.userId ?? null;
      this.viewers.set(ws, userId);
    }
    return userId;
  }

  private broadcastSnapshot(): void {
    const now = this.now();
    for (const ws of this.ctx.getWebSockets()) {
      const userId = this.viewerOf(ws);
      try {
        ws.send(JSON.stringify({ type: "snapshot", showtimeId: this.showtimeId, version: this.version, seats: this.statusesFor(userId, now), yourHold: null, yourCooldownUntil: null, serverNow: now, roomOpensAt: this.roomOpensAt }));
      } catch {
        // see broadcast()
      }
    }
  }
}

function closeQuietly(ws: WebSocket, code: number): void {
  try {
    ws.close(code, "bye");
  } catch {
    // Already closed (the runtime may have answered the close itself): nothing left to do.
  }
}

function rowToOccupant(row: SeatRow): Occupant {
  switch (row.kind) {
    case "held":
      return { kind: "held", userId: row.user_id ?? "", holdId: row.hold_id ?? "", expiresAt: row.expires_at ?? 0 };
    case "claimed":
      return { kind: "claimed", bookingId: row.booking_id ?? "", userId: row.user_id ?? "", expiresAt: row.expires_at ?? 0 };
    case "sold":
      return { kind: "sold", bookingId: row.booking_id, userId: row.user_id };
    case "blocked":
      return { kind: "blocked" };
  }
}
