// The platform's own floor for a hold: a bare Worker that forwards the same JSON POST to one Durable
// Object per showtime, which writes one SQLite row. Nothing a hold does can cost less, so Marquee's
// hold path is reported as a ratio of this, measured in the same run with the same load generator.
export const CEILING_WORKER = `
import { DurableObject } from "cloudflare:workers";

export class Rows extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS holds (user_key TEXT PRIMARY KEY, seat_ids TEXT NOT NULL, at INTEGER NOT NULL)");
  }
  async write(userKey, seatIds) {
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO holds (user_key, seat_ids, at) VALUES (?, ?, ?)", userKey, seatIds, Date.now());
    return { holdId: crypto.randomUUID() };
  }
}

const PATH = /^\\/api\\/showtimes\\/([^/]+)\\/holds$/;
export default {
  async fetch(request, env) {
    const m = PATH.exec(new URL(request.url).pathname);
    if (!m || request.method !== "POST") return new Response("not found", { status: 404 });
    const cookie = request.headers.get("Cookie") ?? "";
    // The rate-limited floor takes the same two slots a Marquee hold takes (per user, per address).
    if (env.RL_HOLD_USER) {
      const [user, ip] = await Promise.all([env.RL_HOLD_USER.limit({ key: "holdUser:" + cookie }), env.RL_HOLD_IP.limit({ key: "holdIp:unknown" })]);
      if (!user.success || !ip.success) return new Response("limited", { status: 429 });
    }
    const body = await request.json();
    const out = await env.ROWS.getByName(m[1]).write(request.headers.get("Cookie") ?? "", JSON.stringify(body.seatIds));
    return Response.json({ ...out, seatIds: body.seatIds }, { status: 201 });
  },
};
`;

/**
 * `rateLimited`: the same floor plus the hold's two Workers Rate Limiting calls. Miniflare answers
 * each from a Durable Object with a SQLite write (production counts on the machine, in memory), so
 * locally the limits alone cost about two ceilings; this floor separates that from Marquee's own work.
 */
export function ceilingWorkerOptions({ rateLimited = false } = {}) {
  const simple = { limit: 1_000_000, period: 60 };
  return {
    name: rateLimited ? "ceiling-limited" : "ceiling",
    modules: true,
    script: CEILING_WORKER,
    compatibilityDate: "2025-11-01",
    durableObjects: { ROWS: { className: "Rows", useSQLite: true } },
    ...(rateLimited ? { ratelimits: { RL_HOLD_USER: { namespace_id: "1", simple }, RL_HOLD_IP: { namespace_id: "2", simple } } } : {}),
  };
}

/**
 * Less than any join or hold: the same JSON POST answered by the Worker alone (body read, JSON out,
 * no object, no storage). What this box's HTTP stack and load generator can do for a schedule; a
 * target this cannot meet cannot be met here by any Worker.
 */
export const ANSWER_WORKER = `
export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("not found", { status: 404 });
    const body = await request.json();
    return Response.json({ ok: true, seatIds: body.seatIds ?? null }, { status: 201 });
  },
};
`;

export function answerWorkerOptions() {
  return { name: "answer-only", modules: true, script: ANSWER_WORKER, compatibilityDate: "2025-11-01" };
}
