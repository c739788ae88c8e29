import type { RoomStats } from "#app/queue/contract";
import { roomOf } from "#app/queue/gateway.server";
import { alertSettings, openIncidents, type AlertSettings } from "#app/observability/alerts.server";
import { readEventFigures, type EventFigures, type MinuteRow } from "#app/observability/figures.server";
import { seatsSoldFor } from "#app/catalogue/queries.server";
import type { Services } from "#app/utils/context.server";
import type { Staff } from "./guard.server";

/**
 * The on-sale control room (`/admin/live`, ADR 029): every active on-sale at once and the last
 * 60 minutes per minute, from the events store (Analytics Engine in production, D1 locally) plus
 * the live counts the rooms and D1 hold. An admin sees Marquee-wide figures (payments, webhooks,
 * email, errors); a cinema manager sees only their cinemas' rooms and those shows' holds and payments.
 */

export const LIVE_MINUTES = 60;

export type Series = number[];

export type RoomPanel = {
  showtimeId: string;
  title: string;
  cinema: string;
  stats: RoomStats | null;
  sold: number;
  admissions: Series;
  waiting: Series;
  holds: Series;
};

export type ControlRoom = {
  generatedAt: number;
  source: EventFigures["source"];
  sourceError: string | null;
  minutes: number[];
  rooms: RoomPanel[];
  holds: { placed: Series; refused: Series; refusalsByReason: [string, number][] };
  funnel: { bookings: number; orders: number; authorised: number; captured: number; failed: number; refunded: number; failureRate: Series; failuresByReason: [string, number][] };
  /** Marquee-wide parts, for admins only. */
  wide: null | {
    webhookLag: { p50: Series; p95: Series };
    email: { sent: Series; retried: Series; backlog: number; deadLetters: number };
    errors: { d1: Series; do: Series; byReason: [string, number][] };
    incidents: { id: string; rule: string; subject: string; openedAt: number; detail: string }[];
    settings: AlertSettings;
  };
};

type Room = { showtimeId: string; startsAt: number; movie: string; cinema: string; cinemaId: string; sold: number };

async function activeRooms(s: Services, staff: Pick<Staff, "scope">): Promise<Room[]> {
  const rows = await s.env.DB.prepare(
    `SELECT w.showtime_id AS showtimeId, st.starts_at AS startsAt, m.title AS movie, c.name AS cinema, c.id AS cinemaId
     FROM waiting_rooms w JOIN showtimes st ON st.id = w.showtime_id JOIN screens sc ON sc.id = st.screen_id
     JOIN cinemas c ON c.id = sc.cinema_id JOIN movies m ON m.id = st.movie_id
     WHERE w.status = 'ACTIVE' ORDER BY st.starts_at`,
  ).all<Omit<Room, "sold">>();
  const mine = rows.results.filter((r) => staff.scope.all || staff.scope.cinemaIds.includes(r.cinemaId));
  // Seats sold from each show's own booking database (ADR 031).
  const sold = await seatsSoldFor(s.env, mine.map((r) => r.showtimeId));
  return mine.map((r) => ({ ...r, sold: sold.get(r.showtimeId) ?? 0 }));
}

/** Per-minute series over the window, oldest first. */
function series(rows: MinuteRow[], minutes: number[], pick: (r: MinuteRow) => boolean, use: "n" | "total" = "n"): Series {
  const at = new Map(minutes.map((m, i) => [m, i]));
  const out = minutes.map(() => 0);
  for (const r of rows) {
    const i = at.get(r.minute);
    if (i !== undefined && pick(r)) out[i]! += r[use];
  }
  return out;
}

/**
 * People waiting: the cron's once-a-minute gauge (the average of its readings in a minute), and
 * for the current minute the room's own count right now, so the chart is live without a cron run.
 */
function waitingSeries(rows: MinuteRow[], minutes: number[], showtimeId: string, now: RoomStats | null): Series {
  const pick = (r: MinuteRow) => r.kind === "room.waiting" && r.showtimeId === showtimeId;
  const total = series(rows, minutes, pick, "total");
  const readings = series(rows, minutes, pick, "n");
  const out = total.map((t, i) => (readings[i]! > 0 ? Math.round(t / readings[i]!) : 0));
  if (now) out[out.length - 1] = now.waiting + now.preQueue;
  return out;
}

function byReason(rows: MinuteRow[], pick: (r: MinuteRow) => boolean): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) if (pick(r)) counts.set(r.reason ?? "unknown", (counts.get(r.reason ?? "unknown") ?? 0) + r.n);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

export async function controlRoom(s: Services, staff: Staff): Promise<ControlRoom> {
  const nowMinute = Math.floor(s.now / 60_000);
  const minutes = Array.from({ length: LIVE_MINUTES }, (_, i) => nowMinute - LIVE_MINUTES + 1 + i);
  const since = minutes[0]! * 60_000;
  const [rooms, figures] = await Promise.all([activeRooms(s, staff), readEventFigures(s.env, s.config, since)]);
  // A manager sees events of their rooms' shows only; an admin sees everything.
  const visible = staff.scope.all ? figures.rows : figures.rows.filter((r) => r.showtimeId !== null && rooms.some((room) => room.showtimeId === r.showtimeId));
  const total = (kind: MinuteRow["kind"]) => visible.filter((r) => r.kind === kind).reduce((a, r) => a + r.n, 0);
  const stats = await Promise.all(rooms.map((r) => roomOf(s.env, r.showtimeId).stats().catch(() => null)));
  const failed = series(visible, minutes, (r) => r.kind === "payment.failed");
  const succeeded = series(visible, minutes, (r) => r.kind === "payment.captured");
  const view: ControlRoom = {
    generatedAt: s.now,
    source: figures.source,
    sourceError: figures.error,
    minutes,
    rooms: rooms.map((room, i) => ({
      showtimeId: room.showtimeId,
      title: room.movie,
      cinema: room.cinema,
      stats: stats[i] ?? null,
      sold: room.sold,
      admissions: series(visible, minutes, (r) => r.kind === "admission" && r.showtimeId === room.showtimeId),
      waiting: waitingSeries(visible, minutes, room.showtimeId, stats[i] ?? null),
      holds: series(visible, minutes, (r) => r.kind === "hold.placed" && r.showtimeId === room.showtimeId),
    })),
    holds: {
      placed: series(visible, minutes, (r) => r.kind === "hold.placed"),
      refused: series(visible, minutes, (r) => r.kind === "hold.refused"),
      refusalsByReason: byReason(visible, (r) => r.kind === "hold.refused"),
    },
    funnel: {
      bookings: total("booking.created"),
      orders: total("order.created"),
      authorised: total("payment.authorised"),
      captured: total("payment.captured"),
      failed: total("payment.failed"),
      refunded: total("payment.refunded"),
      failureRate: failed.map((f, i) => (f + succeeded[i]! > 0 ? Math.round((f / (f + succeeded[i]!)) * 100) : 0)),
      failuresByReason: byReason(visible, (r) => r.kind === "payment.failed"),
    },
    wide: null,
  };
  if (staff.scope.all) {
    const lagAt = new Map(figures.lag.map((l) => [l.minute, l]));
    const [backlog, dead, incidents, settings] = await Promise.all([
      s.env.DB.prepare("SELECT COUNT(*) AS n FROM email_log WHERE status IN ('SENDING', 'RETRYING')").first<{ n: number }>(),
      s.env.DB.prepare("SELECT COUNT(*) AS n FROM email_dead_letters WHERE resent_at IS NULL").first<{ n: number }>(),
      openIncidents(s.env.DB),
      alertSettings(s.env.DB, s.config),
    ]);
    view.wide = {
      webhookLag: { p50: minutes.map((m) => Math.round((lagAt.get(m)?.p50 ?? 0) / 100) / 10), p95: minutes.map((m) => Math.round((lagAt.get(m)?.p95 ?? 0) / 100) / 10) },
      email: {
        sent: series(figures.rows, minutes, (r) => r.kind === "email.sent"),
        retried: series(figures.rows, minutes, (r) => r.kind === "email.retried"),
        backlog: backlog?.n ?? 0,
        deadLetters: dead?.n ?? 0,
      },
      errors: {
        d1: series(figures.rows, minutes, (r) => r.kind === "error.d1"),
        do: series(figures.rows, minutes, (r) => r.kind === "error.do"),
        byReason: byReason(figures.rows, (r) => r.kind === "error.d1" || r.kind === "error.do"),
      },
      incidents: incidents.map(({ id, rule, subject, openedAt, detail }) => ({ id, rule, subject, openedAt, detail })),
      settings,
    };
  }
  return view;
}
