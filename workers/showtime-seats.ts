import { DurableObject } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { bookingSeats, screens, showtimes } from "#app/db/schema.server";
import { listSeats } from "#app/domain/layout";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { getConfig } from "#app/utils/env.server";
import {
  checkBlock,
  checkClaim,
  checkHoldRequest,
  holdExpiry,
  isLive,
  nextAlarmAt,
  type HoldRules,
  type Occupant,
  type ShowtimeFacts,
} from "#app/domain/holds";
import type {
  ClaimResult,
  Hold,
  HoldResult,
  SeatMapSnapshot,
  SeatView,
  ShowtimeSeatsApi,
} from "#app/seats/contract";
import { migrateSeatStorage } from "./seat-storage-migrations";

/** How long a paid booking may hold its claim before the alarm asks D1 what became of it. */
export const CLAIM_TTL_MS = 2 * 60 * 1000;

type Attachment = { userId: string | null };
type SeatRow = { seat_id: string; kind: Occupant["kind"]; hold_id: string | null; user_id: string | null; booking_id: string | null; expires_at: number | null };
type HoldRow = { hold_id: string; user_id: string; seat_ids: string; created_at: number; expires_at: number };

function rulesFrom(env: Env): HoldRules {
  const config = getConfig(env);
  return { ttlMs: config.HOLD_TTL_SECONDS * 1000, maxSeatsPerUser: config.MAX_SEATS_PER_USER };
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
  private readonly holds = new Map<string, Hold>();
  private readonly holdByUser = new Map<string, string>();
  private version = 0;
  /** When the armed alarm fires (null: none); mirrors storage so a hold costs no alarm write. */
  private alarmAt: number | null = null;
  /** Tests move this object's clock forward instead of sleeping. */
  clockSkewMs = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.rules = rulesFrom(env);
    ctx.blockConcurrencyWhile(async () => {
      migrateSeatStorage(this.sql);
      // The name it was addressed by (idFromName) is the showtime id; an alarm wake-up may not carry
      // it, so the id stored on first use is the fallback.
      const known = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'showtime_id'").toArray()[0];
      this.showtimeId = ctx.id.name ?? known?.value ?? "";
      this.loadFromStorage();
      this.alarmAt = await ctx.storage.getAlarm();
      // A cold object that has served before reloads its showtime and D1's sold seats before serving.
      if (known) await this.loadFacts();
    });
  }

  private now(): number {
    return Date.now() + this.clockSkewMs;
  }

  private loadFromStorage(): void {
    for (const h of this.sql.exec<HoldRow>("SELECT * FROM holds").toArray()) {
      this.holds.set(h.hold_id, {
        holdId: h.hold_id,
        showtimeId: this.showtimeId,
        userId: h.user_id,
        seatIds: JSON.parse(h.seat_ids) as string[],
        createdAt: h.created_at,
        expiresAt: h.expires_at,
      });
      this.holdByUser.set(h.user_id, h.hold_id);
    }
    for (const row of this.sql.exec<SeatRow>("SELECT * FROM seats").toArray()) {
      this.occupants.set(row.seat_id, rowToOccupant(row));
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
    this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('showtime_id', ?)", showtimeId);
    for (const hold of this.holds.values()) hold.showtimeId = showtimeId;
    if (!row) {
      this.facts = null;
      return;
    }
    const layout = seatLayoutSchema.parse(row.layout);
    this.facts = { seatIds: new Set(listSeats(layout).map((s) => s.id)), startsAt: row.startsAt, status: row.status };
    const confirmed = await db
      .select({ seatId: bookingSeats.seatId, bookingId: bookingSeats.bookingId })
      .from(bookingSeats)
      .where(and(eq(bookingSeats.showtimeId, showtimeId), eq(bookingSeats.status, "CONFIRMED")))
      .all();
    const soldInD1 = new Map(confirmed.map((c) => [c.seatId, c.bookingId]));
    this.ctx.storage.transactionSync(() => {
      // D1 decides what is sold: stale sales are dropped, confirmed ones override anything else.
      for (const [seatId, occ] of this.occupants) {
        if (occ.kind === "sold" && !soldInD1.has(seatId)) this.removeSeat(seatId);
      }
      for (const [seatId, bookingId] of soldInD1) {
        const occ = this.occupants.get(seatId);
        if (occ?.kind === "held") this.dropSeatFromHold(occ.holdId, seatId);
        this.putSeat(seatId, { kind: "sold", bookingId });
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

  private putSeat(seatId: string, occ: Occupant): void {
    this.occupants.set(seatId, occ);
    const holdId = occ.kind === "held" ? occ.holdId : null;
    const userId = occ.kind === "held" || occ.kind === "claimed" ? occ.userId : null;
    const bookingId = occ.kind === "claimed" || occ.kind === "sold" ? occ.bookingId : null;
    const expiresAt = occ.kind === "held" || occ.kind === "claimed" ? occ.expiresAt : null;
    this.sql.exec(
      "INSERT OR REPLACE INTO seats (seat_id, kind, hold_id, user_id, booking_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      seatId,
      occ.kind,
      holdId,
      userId,
      bookingId,
      expiresAt,
    );
  }

  private removeSeat(seatId: string): void {
    this.occupants.delete(seatId);
    this.sql.exec("DELETE FROM seats WHERE seat_id = ?", seatId);
  }

  private removeHold(holdId: string): string[] {
    const hold = this.holds.get(holdId);
    if (!hold) return [];
    const freed: string[] = [];
    for (const seatId of hold.seatIds) {
      const occ = this.occupants.get(seatId);
      if (occ?.kind === "held" && occ.holdId === holdId) {
        this.removeSeat(seatId);
        freed.push(seatId);
      }
    }
    this.holds.delete(holdId);
    if (this.holdByUser.get(hold.userId) === holdId) this.holdByUser.delete(hold.userId);
    this.sql.exec("DELETE FROM holds WHERE hold_id = ?", holdId);
    return freed;
  }

  private dropSeatFromHold(holdId: string, seatId: string): void {
    const hold = this.holds.get(holdId);
    if (!hold) return;
    hold.seatIds = hold.seatIds.filter((s) => s !== seatId);
    if (hold.seatIds.length === 0) {
      this.removeHold(holdId);
    } else {
      this.sql.exec("UPDATE holds SET seat_ids = ? WHERE hold_id = ?", JSON.stringify(hold.seatIds), holdId);
    }
  }

  /** Releases every hold past its expiry; returns the seats freed. Harmless to run any number of times. */
  private sweepExpiredHolds(now: number): string[] {
    const freed: string[] = [];
    for (const hold of [...this.holds.values()]) {
      if (hold.expiresAt <= now) freed.push(...this.removeHold(hold.holdId));
    }
    return freed;
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
    const holdId = viewerUserId ? this.holdByUser.get(viewerUserId) : undefined;
    const hold = holdId ? this.holds.get(holdId) : undefined;
    return {
      showtimeId: this.showtimeId,
      version: this.version,
      seats: this.statusesFor(viewerUserId, now),
      yourHold: hold && hold.expiresAt > now ? { ...hold } : null,
      serverNow: now,
    };
  }

  async hold(userId: string, seatIds: string[]): Promise<HoldResult> {
    const facts = await this.ensureFacts();
    if (!facts) return { ok: false, refusal: { code: "showtime_not_found" } };
    const now = this.now();
    const refusal = checkHoldRequest({ userId, seatIds, showtime: facts, rules: this.rules, now, occupantOf: (id) => this.occupants.get(id) });
    if (refusal) return { ok: false, refusal };

    const hold: Hold = {
      holdId: crypto.randomUUID(),
      showtimeId: this.showtimeId,
      userId,
      seatIds: [...seatIds],
      createdAt: now,
      expiresAt: holdExpiry(now, this.rules),
    };
    const changed = new Set<string>(seatIds);
    this.ctx.storage.transactionSync(() => {
      for (const s of this.sweepExpiredHolds(now)) changed.add(s);
      // One live hold per user: the new selection replaces the old one in the same transaction.
      const previous = this.holdByUser.get(userId);
      if (previous) for (const s of this.removeHold(previous)) changed.add(s);
      this.holds.set(hold.holdId, hold);
      this.holdByUser.set(userId, hold.holdId);
      this.sql.exec(
        "INSERT INTO holds (hold_id, user_id, seat_ids, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        hold.holdId,
        userId,
        JSON.stringify(hold.seatIds),
        hold.createdAt,
        hold.expiresAt,
      );
      for (const seatId of seatIds) this.putSeat(seatId, { kind: "held", userId, holdId: hold.holdId, expiresAt: hold.expiresAt });
    });
    this.armAlarm();
    this.broadcast(changed);
    return { ok: true, hold: { ...hold } };
  }

  async getHold(holdId: string): Promise<Hold | null> {
    const hold = this.holds.get(holdId);
    return hold && hold.expiresAt > this.now() ? { ...hold } : null;
  }

  async release(userId: string, holdId: string): Promise<boolean> {
    const hold = this.holds.get(holdId);
    if (!hold || hold.userId !== userId) return false;
    let freed: string[] = [];
    this.ctx.storage.transactionSync(() => {
      freed = this.removeHold(holdId);
    });
    this.armAlarm();
    this.broadcast(freed);
    return true;
  }

  async claimForBooking(bookingId: string, userId: string, seatIds: string[]): Promise<ClaimResult> {
    const facts = await this.ensureFacts();
    const now = this.now();
    const conflicts = checkClaim({ bookingId, userId, seatIds, showtime: facts, now, occupantOf: (id) => this.occupants.get(id) });
    if (conflicts.length) return { ok: false, seats: conflicts };

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
    return { ok: true };
  }

  async confirmSale(bookingId: string): Promise<void> {
    const confirmed = await this.confirmedSeatsOf(bookingId);
    const changed = new Set<string>();
    this.ctx.storage.transactionSync(() => {
      for (const seatId of confirmed) {
        const occ = this.occupants.get(seatId);
        if (occ?.kind === "sold" && occ.bookingId === bookingId) continue;
        if (occ?.kind === "held") this.dropSeatFromHold(occ.holdId, seatId);
        this.putSeat(seatId, { kind: "sold", bookingId });
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

  private async confirmedSeatsOf(bookingId: string): Promise<Set<string>> {
    const rows = await drizzle(this.env.DB)
      .select({ seatId: bookingSeats.seatId })
      .from(bookingSeats)
      .where(and(eq(bookingSeats.bookingId, bookingId), eq(bookingSeats.status, "CONFIRMED")))
      .all();
    return new Set(rows.map((r) => r.seatId));
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
          if (confirmed.has(seatId)) this.putSeat(seatId, { kind: "sold", bookingId });
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
    await this.ensureFacts();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ userId } satisfies Attachment);
    server.send(JSON.stringify({ type: "snapshot", ...(await this.snapshot(userId)) }));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Clients only ever ask for a fresh snapshot (after a reconnect or a missed version).
    if (message === "snapshot") {
      const { userId } = ws.deserializeAttachment() as Attachment;
      ws.send(JSON.stringify({ type: "snapshot", ...(await this.snapshot(userId)) }));
    }
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, "bye");
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

  private broadcast(seatIds: Iterable<string>): void {
    const ids = [...seatIds];
    if (ids.length === 0) return;
    this.version += 1;
    const now = this.now();
    for (const ws of this.ctx.getWebSockets()) {
      const { userId } = ws.deserializeAttachment() as Attachment;
      try {
        ws.send(JSON.stringify({ type: "delta", version: this.version, seats: this.statusesFor(userId, now, ids) }));
      } catch {
        // A socket that is closing will be cleaned up by the runtime.
      }
    }
  }

  private broadcastSnapshot(): void {
    const now = this.now();
    for (const ws of this.ctx.getWebSockets()) {
      const { userId } = ws.deserializeAttachment() as Attachment;
      try {
        ws.send(JSON.stringify({ type: "snapshot", showtimeId: this.showtimeId, version: this.version, seats: this.statusesFor(userId, now), yourHold: null, serverNow: now }));
      } catch {
        // see broadcast()
      }
    }
  }
}

function rowToOccupant(row: SeatRow): Occupant {
  switch (row.kind) {
    case "held":
      return { kind: "held", userId: row.user_id ?? "", holdId: row.hold_id ?? "", expiresAt: row.expires_at ?? 0 };
    case "claimed":
      return { kind: "claimed", bookingId: row.booking_id ?? "", userId: row.user_id ?? "", expiresAt: row.expires_at ?? 0 };
    case "sold":
      return { kind: "sold", bookingId: row.booking_id };
    case "blocked":
      return { kind: "blocked" };
  }
}
