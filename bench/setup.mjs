// Data for the benchmarks: the demo catalogue, a 400-seat and a 250-seat screen, and many users with
// ready-made sessions (signed exactly as the app signs them, so no PBKDF2 cost in the measurement).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { importTs } from "../scripts/load-ts.mjs";

export const SESSION_SECRET = "bench-session-secret-0123456789abcdef0123456789";

function grid(rows, perRow) {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return {
    categories: [{ code: "CLASSIC", name: "Classic" }],
    rows: Array.from({ length: rows }, (_, r) => ({
      label: letters[r],
      category: "CLASSIC",
      cells: Array.from({ length: perRow }, (_, i) => ({ n: i + 1, type: "standard" })),
    })),
  };
}

const wranglerToml = readFileSync("wrangler.toml", "utf8");

/** The app's [vars] from wrangler.toml, as the bench's Miniflare bindings. */
export const benchVars = Object.fromEntries([...wranglerToml.matchAll(/^([A-Z_]+) = "([^"]*)"$/gm)].map((m) => [m[1], m[2]]));

/**
 * Every [[ratelimits]] binding the app has, with limits far out of reach: the bench measures
 * capacity, not abuse limits, but each hold still pays for its limit checks as it does in production.
 */
export const benchRatelimits = Object.fromEntries(
  [...wranglerToml.matchAll(/name = "(RL_[A-Z_]+)"\nnamespace_id = "(\d+)"/g)].map((m) => [m[1], { namespace_id: m[2], simple: { limit: 1_000_000, period: 60 } }]),
);

const q = (v) => (typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

export async function benchStatements(userCount) {
  const { seedStatements } = await importTs("app/db/seed-data.server.ts");
  const { hashPassword } = await importTs("app/utils/crypto.server.ts");
  const now = Date.now();
  const stmts = await seedStatements(now, hashPassword);
  // The purchase's screen is in a Bengaluru cinema, which sells into booking shard 1 (ADR 031): the
  // counter then tells the shared database's round trips from the booking database's.
  const screens = { "scr-bench-400": ["cin-mum-regal", grid(20, 20)], "scr-bench-250": ["cin-mum-regal", grid(10, 25)], "scr-bench-400-south": ["cin-blr-lido", grid(20, 20)] };
  for (const [id, [cinema, layout]] of Object.entries(screens)) {
    const seats = layout.rows.length * layout.rows[0].cells.length;
    stmts.push(`INSERT OR IGNORE INTO screens (id, cinema_id, name, layout, seat_count) VALUES (${q(id)}, ${q(cinema)}, 'Bench ${seats}', ${q(JSON.stringify(layout))}, ${seats});`);
  }
  const showtimes = {};
  for (const name of ["hold-1", "hold-50", "hold-200", "sellout", "purchase", "pages", "live", "live-quiet", "warmup", "queue", "queue-warmup", "queue-serial", "hoard"]) {
    const id = `st-bench-${name}-${now.toString(36)}`;
    showtimes[name] = id;
    const screen = ["sellout", "live", "live-quiet", "warmup", "hoard"].includes(name) ? "scr-bench-250" : name === "purchase" ? "scr-bench-400-south" : "scr-bench-400";
    stmts.push(`INSERT INTO showtimes (id, movie_id, screen_id, starts_at, format, language, prices, status) VALUES (${q(id)}, 'mov-orbit-zero', ${q(screen)}, ${now + 86_400_000}, '2D', 'English', '{"CLASSIC":20000}', 'SCHEDULED');`);
  }
  const { cookies } = await fanStatements(stmts, userCount, `${now.toString(36)}`, now);
  return { stmts, showtimes, cookies };
}

/**
 * `count` verified accounts with live sessions, appended to `stmts`; their session cookies, signed
 * as the app signs them. `tag` keeps e-mail addresses apart when a part seeds a crowd of its own.
 */
export async function fanStatements(stmts, count, tag, now = Date.now()) {
  const { signSessionClaim } = await importTs("app/auth/session-claim.server.ts");
  const cookies = [];
  const expiresAt = now + 86_400_000;
  for (let i = 0; i < count; i++) {
    const userId = `usr-bench-${tag}-${i}`;
    const sessionId = randomUUID();
    stmts.push(`INSERT INTO users (id, email, name, password_hash, role, email_verified_at, created_at) VALUES (${q(userId)}, ${q(`bench-${tag}-${i}@example.com`)}, 'Bench', 'x', 'customer', ${now}, ${now});`);
    stmts.push(`INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (${q(sessionId)}, ${q(userId)}, ${expiresAt}, ${now});`);
    const value = await signSessionClaim({ SESSION_SECRET }, { sessionId, userId, verified: true, expiresAt });
    cookies.push(`marquee_session=${encodeURIComponent(value)}`);
  }
  return { cookies };
}

/** The local bot check's pass (the stand-in Turnstile), as the app signs it for APP_ENV. */
export async function botPass() {
  const { localPassToken } = await importTs("app/auth/bot-check.server.ts");
  return localPassToken({ config: { SESSION_SECRET, APP_ENV: benchVars.APP_ENV } });
}
