// `npm start`: build, migrate and seed the local D1, then serve the Worker with `wrangler dev`.
import { spawn } from "node:child_process";
import { ensureDevVars, migrateAndSeed, run } from "./prepare-local.mjs";

ensureDevVars();
// The build (React Router + the Cloudflare Vite plugin) writes build/server/wrangler.json and points
// .wrangler/deploy/config.json at it, so wrangler below serves the one bundle Vite emitted.
if (!process.argv.includes("--no-build")) run("react-router", ["build"]);
migrateAndSeed();

const port = process.env.PORT ?? "8787";
// Any var from wrangler.toml can be overridden from the environment, e.g. HOLD_TTL_SECONDS=30 npm start.
const overrides = ["HOLD_TTL_SECONDS", "HOLD_COOLDOWN_SECONDS", "MAX_SEATS_PER_USER", "MAX_SHOWS_HELD_PER_USER", "APP_ENV", "RECONCILE_GRACE_SECONDS", "CHAOS"]
  .filter((k) => process.env[k])
  .flatMap((k) => ["--var", `${k}:${process.env[k]}`]);
// The local mailbox is this Worker's own /dev/mailbox/api, reached over HTTP: it must know its origin.
overrides.push("--var", `APP_ORIGIN:${process.env.APP_ORIGIN ?? `http://localhost:${port}`}`);
// The debugger's port follows the app's, so a second checkout on another PORT starts beside the first.
const inspector = process.env.INSPECTOR_PORT ?? (process.env.PORT ? String(Number(port) + 1000) : "9229");
const dev = spawn("wrangler", ["dev", "--port", port, "--ip", "127.0.0.1", "--inspector-port", inspector, ...overrides], { stdio: "inherit" });
console.log(`\nMarquee is starting on http://localhost:${port}\n`);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
