import { getTableColumns, type InferSelectModel, type Table } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "#app/db/schema.server";
import { routedD1 } from "./d1-session.server";

/** Building drizzle with the schema walks every table's relations: once per isolate, not per request. */
const instances = new WeakMap<D1Database, ReturnType<typeof build>>();
// Statements go to the running request's D1 session (d1-session.server.ts), if it has one.
const build = (d1: D1Database) => drizzle(routedD1(d1), { schema });

export function getDb(env: Pick<Env, "DB">) {
  let db = instances.get(env.DB);
  if (!db) instances.set(env.DB, (db = build(env.DB)));
  return db;
}

export type Db = ReturnType<typeof getDb>;

/** D1 reports constraint failures as errors; drizzle wraps them, so look through the cause chain. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.includes("UNIQUE constraint failed")) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/**
 * A raw D1 row (SQL column names) as drizzle would return it for `table`, for reads that share a
 * D1 batch with raw statements (drizzle's own batch cannot carry `db.run(sql)` with parameters).
 */
export function rowOf<T extends Table>(table: T, raw: Record<string, unknown> | undefined): InferSelectModel<T> | undefined {
  if (!raw) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}
