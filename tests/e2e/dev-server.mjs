// `npm run dev` as a developer runs it: the whole app under Vite's dev server with the Worker in
// workerd. A seat page must render its seats and the live seat map must come from the showtime's
// Durable Object, reached from the dev server (issue 24). Run by scripts/e2e.mjs after the browser
// suite, once `npm start` has stopped, since both use the same local state.
import { spawn } from "node:child_process";
import assert from "node:assert/strict";

const port = process.env.DEV_PORT ?? "8796";
const base = `http://127.0.0.1:${port}`;
const dev = spawn("npm", ["run", "dev"], { env: { ...process.env, PORT: port }, stdio: ["ignore", "pipe", "pipe"], detached: true });
let log = "";
dev.stdout.on("data", (d) => (log += d));
dev.stderr.on("data", (d) => (log += d));

async function get(path) {
  const res = await fetch(`${base}${path}`, { redirect: "manual" });
  return { status: res.status, text: await res.text() };
}

let ok = false;
try {
  const deadline = Date.now() + 180_000;
  let home = null;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error("npm run dev exited early");
    try {
      const res = await get("/");
      if (res.status === 200) {
        home = res.text;
        break;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.ok(home, "the dev server answered the home page");
  const movie = home.match(/href="(\/movies\/[\w-]+)[?"]/)?.[1];
  assert.ok(movie, "the home page links a film");
  const moviePage = await get(movie);
  const showtimeId = moviePage.text.match(/href="\/showtimes\/([\w-]+)"/)?.[1];
  assert.ok(showtimeId, `${movie} links a showtime`);

  const page = await get(`/showtimes/${showtimeId}`);
  assert.equal(page.status, 200, "the seat page renders under vite dev");
  const seats = page.text.match(/data-seat="/g)?.length ?? 0;
  assert.ok(seats > 0, `the seat page shows its seats (found ${seats})`);

  const live = await get(`/api/showtimes/${showtimeId}/seats`);
  assert.equal(live.status, 200, "the live seat map answers");
  const snapshot = JSON.parse(live.text);
  assert.equal(typeof snapshot.version, "number", "the seat map carries the seat object's version");
  console.log(`npm run dev: seat page of showtime ${showtimeId} with ${seats} seats; live map version ${snapshot.version} from its Durable Object`);
  ok = true;
} catch (error) {
  console.error(`npm run dev check failed: ${error.message}\n--- dev server log ---\n${log.slice(-4000)}`);
} finally {
  try {
    process.kill(-dev.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
process.exit(ok ? 0 : 1);
