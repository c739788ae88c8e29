// `npm start`: build, migrate and seed the local D1, then serve the Worker with `wrangler dev`.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

// Offline machines: no telemetry round-trips from wrangler.
process.env.WRANGLER_SEND_METRICS ??= "false";
const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });

if (!existsSync(".dev.vars")) {
  const example = readFileSync(".dev.vars.example", "utf8");
  const secret = randomBytes(32).toString("hex");
  writeFileSync(".dev.vars", example.replace(/^SESSION_SECRET=.*$/m, `SESSION_SECRET="${secret}"`));
  console.log("Created .dev.vars with a fresh SESSION_SECRET (local only).");
}

// Older .dev.vars files predate the Razorpay sandbox switch; without keys, local runs use the sandbox.
if (!/^RAZORPAY_SANDBOX=/m.test(readFileSync(".dev.vars", "utf8"))) {
  appendFileSync(".dev.vars", '\n# Local only: use the Razorpay sandbox when no keys are set.\nRAZORPAY_SANDBOX="on"\n');
}

if (!process.argv.includes("--no-build")) run("remix", ["vite:build"]);
run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]);
run("node", ["scripts/seed.mjs"]);

const port = process.env.PORT ?? "8787";
// Any var from wrangler.toml can be overridden from the environment, e.g. HOLD_TTL_SECONDS=30 npm start.
const overrides = ["HOLD_TTL_SECONDS", "HOLD_COOLDOWN_SECONDS", "MAX_SEATS_PER_USER", "APP_ENV", "RECONCILE_GRACE_SECONDS", "CHAOS"]
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
