import { DurableObject } from "cloudflare:workers";
import { admit, cryptoRandom, derivedRate, drawOrder, fanStatus, type FanRow } from "#app/domain/queue";
import type { FanStatus, RoomSettings, RoomStats, RoomSummary, RoomVisit, WaitingRoomApi } from "#app/queue/contract";
import { getConfig } from "#app/utils/env.server";
import { seatsOf } from "#app/seats/gateway.server";

/** Append-only storage migrations of each WaitingRoom object. Never edit a shipped entry. */
const ROOM_MIGRATIONS = [
  `CREATE TABLE room (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE fans (
     user_id TEXT PRIMARY KEY,
     joined_at INTEGER NOT NULL,
     seq INTEGER UNIQUE,
     admitted_at INTEGER
   );
   CREATE INDEX fans_pre_queue_idx ON fans (seq) WHERE seq IS NULL;`,
];

/** How long the room trusts the seat object's count of free seats (bounded calls under a crowd). */
const AVAILABILITY_TTL_MS = 2_000;
/**
 * Between admissions the only change a call makes is accrued credit; it is written at most this
 * often, so an eviction forgets at most this much accrual (rate/60 fans a second), never a place.
 */
const ACCRUAL_SAVE_MS = 1_000;

type RoomState = {
  showtimeId: string;
  opensAt: number;
  ratePerMinute: number | null;
  paused: boolean;
  /** The pre-queue has been drawn. */
  opened: boolean;
  /** Highest seq handed out, and highest seq admitted: positions are differences of the two. */
  lastSeq: number;
  admittedThrough: number;
  credit: number;
  lastTick: number;
  /** False once the operator ended the room (endRoom tells it). Absent only in rooms saved before the flag existed. */
  active?: boolean;
};

/**
 * One instance per on-sale (`getByName(showtimeId)`): the only writer of its queue. Every place
 * is a row in the object's SQLite storage, so eviction or a restart loses no one; the in-memory
 * state is a mirror of the `room` table. Admission is lazy: each call first catches the room up
 * to `now` (draw at opening, then the rate), in seq order, so no fan passes another. The room
 * knows whether it is active (openRoom/endRoom tell it), so a fan's join or poll is one call here
 * and no D1 read for the room.
 *
 * A join is one indexed INSERT (the highest seq is re-read from the index on wake, not kept in the
 * state row), and the state row is written only when something durable changed.
 *
 * Load: joins are one call each (a new fan's INSERT; 2,238 joins/s alone here, docs/performance.md);
 * polls mostly never reach the room: a fan with a place pass is answered by the Worker from the pass
 * and its one-a-second copy of `summary()` (ADR 026), which keeps the crowd under the ~1,000
 * requests a second Cloudflare documents for one object. Past one object's join rate, fans would
 * hash by account over N objects (`getByName(`${showtimeId}:${k}`)`), each admitting rate/N and
 * drawing its own pre-queue: order within a shard stays exact, across shards it is interleaved by
 * rate, which is fair for a random draw; a fan's number becomes (shard, seq).
 */
export class WaitingRoom extends DurableObject<Env> implements WaitingRoomApi {
  private readonly sql: SqlStorage;
  private state: RoomState | null = null;
  private seatsLeft: { value: number; at: number } | null = null;
  /** The one availability call in flight: a crowd arriving as the count goes stale asks once, not per fan. */
  private seatsAsked: Promise<number> | null = null;
  private savedAt = 0;
  /** Tests move this object's clock instead of sleeping. */
  clockSkewMs = 0;
  /** Tests that count what happens per second pin the clock: then only they move it (with the skew). */
  pinnedNow: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      // A room never opened has no tables, and asking it creates none: a fan asking about a show
      // without a room leaves nothing behind. `configure` creates them.
      if (!this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").toArray().length) return;
      this.migrate();
      const row = this.sql.exec<{ value: string }>("SELECT value FROM room WHERE key = 'state'").toArray()[0];
      const saved = row ? (JSON.parse(row.value) as Partial<RoomState>) : null;
      // A state without its show was never configured (a pause or rate once reached an unopened
      // room and saved one): treated as no room, so opening it later works.
      if (!saved || typeof saved.showtimeId !== "string") return;
      const maxSeq = this.sql.exec<{ n: number | null }>("SELECT MAX(seq) AS n FROM fans").one().n ?? 0;
      this.state = { ...(saved as RoomState), lastSeq: Math.max(saved.lastSeq ?? 0, maxSeq) };
      // A room saved before it knew its own status asks D1 once, the authority on that.
      if (saved.active === undefined) {
        const d1 = await env.DB.prepare("SELECT status FROM waiting_rooms WHERE showtime_id = ?").bind(saved.showtimeId).first<{ status: string }>();
        this.save({ ...this.state, active: d1?.status === "ACTIVE" });
      }
    });
  }

  private migrate(): void {
    this.sql.exec("CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY)");
    const done = new Set(this.sql.exec<{ id: number }>("SELECT id FROM _migrations").toArray().map((r) => r.id));
    ROOM_MIGRATIONS.forEach((statement, id) => {
      if (done.has(id)) return;
      this.sql.exec(statement);
      this.sql.exec("INSERT INTO _migrations (id) VALUES (?)", id);
    });
  }

  private now(): number {
    return (this.pinnedNow ?? Date.now()) + this.clockSkewMs;
  }

  private save(state: RoomState): void {
    this.state = state;
    this.savedAt = this.now();
    this.sql.exec("INSERT OR REPLACE INTO room (key, value) VALUES ('state', ?)", JSON.stringify(state));
  }

  private freeSeats(state: RoomState, now: number): number | Promise<number> {
    if (this.seatsLeft && now - this.seatsLeft.at < AVAILABILITY_TTL_MS) return this.seatsLeft.value;
    // Shared inside this one object (allowed: an object's requests share its I/O context).
    this.seatsAsked ??= seatsOf(this.env, state.showtimeId)
      .availability()
      .then(({ free }) => {
        this.seatsLeft = { value: free, at: now };
        return free;
      })
      .finally(() => {
        this.seatsAsked = null;
      });
    return this.seatsAsked;
  }

  private capacity(): number {
    return Math.max(1, getConfig(this.env).QUEUE_SEAT_CAPACITY_PER_MINUTE);
  }

  private rateOf(state: RoomState, seatsLeft: number): number {
    return state.ratePerMinute ?? derivedRate(seatsLeft, this.capacity());
  }

  /** Brings the room up to `now`: the draw at opening, then admissions at the rate. */
  private async catchUp(): Promise<{ state: RoomState; seatsLeft: number; now: number } | null> {
    const current = this.state;
    if (!current) return null;
    const now = this.now();
    const cached = this.freeSeats(current, now);
    const seatsLeft = typeof cached === "number" ? cached : await cached;
    // Re-read after the await: another call may have caught up meanwhile (input gates allow it).
    let state = { ...this.state! };
    let durable = false;
    const drawNow = !state.opened && now >= state.opensAt;
    const admitNow = (s: RoomState) =>
      admit(
        { credit: s.credit, lastTick: s.lastTick },
        { now, ratePerMinute: this.rateOf(s, seatsLeft), waiting: s.lastSeq - s.admittedThrough, paused: s.paused, soldOut: seatsLeft <= 0 },
      );
    // Counted once; a room that opens in this call counts over the line its draw makes.
    const pending = state.opened ? admitNow(state) : null;
    const advance = () => {
      if (drawNow) {
        durable = true;
        const pre = this.sql.exec<{ user_id: string }>("SELECT user_id FROM fans WHERE seq IS NULL ORDER BY user_id").toArray();
        let seq = state.lastSeq;
        for (const { user_id } of drawOrder(pre, cryptoRandom)) {
          this.sql.exec("UPDATE fans SET seq = ? WHERE user_id = ?", ++seq, user_id);
        }
        state = { ...state, opened: true, lastSeq: seq, lastTick: state.opensAt };
      }
      if (state.opened) {
        const r = pending ?? admitNow(state);
        if (r.admit > 0) {
          durable = true;
          this.sql.exec("UPDATE fans SET admitted_at = ? WHERE seq > ? AND seq <= ?", now, state.admittedThrough, state.admittedThrough + r.admit);
        }
        state = { ...state, admittedThrough: state.admittedThrough + r.admit, ...r.state };
      }
      if (durable || now - this.savedAt >= ACCRUAL_SAVE_MS) this.save(state);
      else this.state = state;
    };
    // Most calls admit no one (a few fans a second are let in, thousands ask): those write at most
    // the state row, one statement, and skip the transaction; a draw or an admission is all-or-nothing.
    if (drawNow || (pending?.admit ?? 0) > 0) this.ctx.storage.transactionSync(advance);
    else advance();
    return { state, seatsLeft, now };
  }

  // ── RPC surface ───────────────────────────────────────────────────────────────────────────────

  async configure(settings: RoomSettings): Promise<RoomStats> {
    this.migrate();
    const prev = this.state;
    this.save({
      active: true,
      showtimeId: settings.showtimeId,
      opensAt: prev?.opened ? prev.opensAt : settings.opensAt,
      ratePerMinute: settings.ratePerMinute,
      paused: prev?.paused ?? false,
      opened: prev?.opened ?? false,
      lastSeq: prev?.lastSeq ?? 0,
      admittedThrough: prev?.admittedThrough ?? 0,
      credit: prev?.credit ?? 0,
      lastTick: prev?.lastTick ?? settings.opensAt,
    });
    return this.stats();
  }

  /** The operator ended the room: fans are no longer gated, and the API answers 404 for it. */
  async end(): Promise<void> {
    if (this.state) this.save({ ...this.state, active: false });
  }

  /** A fan's call from the queue API or page: join (or just look), and the room's opening, in one round trip. */
  async visit(userId: string, opts: { join: boolean }): Promise<RoomVisit> {
    if (!this.state || this.state.active === false) return { active: false };
    const status = opts.join ? await this.join(userId) : await this.status(userId);
    return { active: true, opensAt: this.state.opensAt, status };
  }

  async join(userId: string): Promise<FanStatus> {
    const up = await this.catchUp();
    if (!up) return { state: "not_joined" };
    // A refresh, a second tab or a rejoin keeps the place it has: never a better one, never lost.
    // A new fan is one INSERT, whose answer is their status; a known one is a SELECT (no write).
    if (up.state.opened && up.seatsLeft <= 0) return this.statusOf(userId, this.state!, up.seatsLeft) ?? { state: "sold_out", number: null, position: null };
    // No state write: lastSeq lives in memory and is re-read from the seq index on wake.
    const seq = up.state.opened ? this.state!.lastSeq + 1 : null;
    const inserted = this.sql.exec("INSERT INTO fans (user_id, joined_at, seq) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING", userId, up.now, seq).rowsWritten > 0;
    if (!inserted) return this.statusOf(userId, this.state!, up.seatsLeft) ?? { state: "not_joined" };
    if (seq !== null) this.state = { ...this.state!, lastSeq: seq };
    return fanStatus({ seq, admitted_at: null }, this.state!, up.seatsLeft, this.rateOf(this.state!, up.seatsLeft));
  }

  async status(userId: string): Promise<FanStatus> {
    const up = await this.catchUp();
    if (!up) return { state: "not_joined" };
    return this.statusOf(userId, up.state, up.seatsLeft) ?? { state: "not_joined" };
  }

  private statusOf(userId: string, state: RoomState, seatsLeft: number): FanStatus | null {
    const fan = this.sql.exec<FanRow>("SELECT seq, admitted_at FROM fans WHERE user_id = ?", userId).toArray()[0];
    return fan ? fanStatus(fan, state, seatsLeft, this.rateOf(state, seatsLeft)) : null;
  }

  async stats(): Promise<RoomStats> {
    const up = await this.catchUp();
    if (!up) throw new Error("waiting room not configured");
    const { state, seatsLeft } = up;
    const pre = state.opened ? 0 : this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM fans WHERE seq IS NULL").one().n;
    return {
      showtimeId: state.showtimeId,
      opensAt: state.opensAt,
      opened: state.opened,
      paused: state.paused,
      soldOut: state.opened && seatsLeft <= 0,
      preQueue: pre,
      waiting: state.lastSeq - state.admittedThrough,
      admitted: state.admittedThrough,
      ratePerMinute: this.rateOf(state, seatsLeft),
      rateIsDerived: state.ratePerMinute === null,
      seatsLeft,
    };
  }

  /** The room's shared state, caught up to now: with a fan's place pass it is their status (ADR 026). */
  async summary(): Promise<RoomSummary> {
    if (!this.state || this.state.active === false) return { active: false };
    const up = await this.catchUp();
    if (!up) return { active: false };
    const { state, seatsLeft } = up;
    return { active: true, opensAt: state.opensAt, opened: state.opened, admittedThrough: state.admittedThrough, paused: state.paused, seatsLeft, ratePerMinute: this.rateOf(state, seatsLeft) };
  }

  /** Null (and nothing saved) for a room that was never opened. */
  async setPaused(paused: boolean): Promise<RoomStats | null> {
    // Catch up first, so the time before a pause is admitted at the old setting and none after.
    if (!(await this.catchUp())) return null;
    this.save({ ...this.state!, paused });
    return this.stats();
  }

  async setRate(ratePerMinute: number | null): Promise<RoomStats | null> {
    if (!(await this.catchUp())) return null;
    this.save({ ...this.state!, ratePerMinute });
    return this.stats();
  }
}
