// `npm run db:migrate:local` / `db:migrate:remote`: every D1 database in wrangler.toml, each with its own
// migrations_dir (the shared database `DB` with migrations/, each booking shard with
// migrations-bookings/; ADR 031). One command, so a new shard is migrated by adding its binding.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export function d1Bindings() {
  const toml = readFileSync("wrangler.toml", "utf8");
  return [...toml.matchAll(/\[\[d1_databases\]\][^[]*?binding = "([A-Z0-9_]+)"/g)].map((m) => m[1]);
}

export function migrateAll(target) {
  for (const binding of d1Bindings()) {
    execFileSync("wrangler", ["d1", "migrations", "apply", binding, target], { stdio: "inherit", env: { ...process.env, CI: "1" } });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2] ?? "--local";
  if (target !== "--local" && target !== "--remote") throw new Error("usage: node scripts/migrate.mjs --local|--remote");
  migrateAll(target);
}
