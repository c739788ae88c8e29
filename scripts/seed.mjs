// Loads the demo data into the local D1 (idempotent: INSERT OR IGNORE with deterministic ids).
import { writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { importTs } from "./load-ts.mjs";

const { seedStatements } = await importTs("app/db/seed-data.server.ts");
const { hashPassword } = await importTs("app/utils/crypto.server.ts");

const target = process.argv.includes("--remote") ? "--remote" : "--local";
const statements = await seedStatements(Date.now(), hashPassword);
const file = ".wrangler/seed.sql";
writeFileSync(file, statements.join("\n") + "\n");
execFileSync("wrangler", ["d1", "execute", "DB", target, `--file=${file}`], { stdio: ["ignore", "ignore", "inherit"] });
console.log(`Seeded ${statements.length} rows (${target.slice(2)}). Demo logins: demo@marquee.test / demo-password, admin@marquee.test / admin-password`);
