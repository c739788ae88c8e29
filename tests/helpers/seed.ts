import { env } from "cloudflare:workers";
import { seedStatements } from "#app/db/seed-data.server";
import { hashPassword } from "#app/utils/crypto.server";

/** Loads the same demo data `npm start` loads into this test file's D1. */
export async function seedDemoData(now = Date.now()) {
  const stmts = await seedStatements(now, hashPassword);
  await env.DB.batch(stmts.map((sql) => env.DB.prepare(sql)));
}
