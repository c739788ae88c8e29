// Shared by `npm start` and `npm run dev`: a .dev.vars with a fresh secret, then the local D1 migrated and seeded.
import { d1Bindings } from "./migrate.mjs";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";

// Offline machines: no telemetry round-trips from wrangler.
process.env.WRANGLER_SEND_METRICS ??= "false";
export const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });

export function ensureDevVars() {
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
}

export function migrateAndSeed() {
  // Every database: the shared one and each booking shard (ADR 031).
  for (const binding of d1Bindings()) run("wrangler", ["d1", "migrations", "apply", binding, "--local"]);
  run("node", ["scripts/seed.mjs"]);
}
