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
    const body = await request.json();
    const out = await env.ROWS.getByName(m[1]).write(request.headers.get("Cookie") ?? "", JSON.stringify(body.seatIds));
    return Response.json({ ...out, seatIds: body.seatIds }, { status: 201 });
  },
};
`;

export function ceilingWorkerOptions() {
  return {
    name: "ceiling",
    modules: true,
    script: CEILING_WORKER,
    compatibilityDate: "2025-11-01",
    durableObjects: { ROWS: { className: "Rows", useSQLite: true } },
  };
}
