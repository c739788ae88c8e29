/**
 * How many writes this isolate has sent to each D1 table. Every statement made through `routedD1`
 * (so every drizzle query) is noted, whichever code made it, so a cache of facts read from some
 * tables can key itself by their version (`tablesVersion`) and no writer has to remember to clear
 * it (ADR 030). Other isolates learn of a write only when their copy's max age runs out.
 */
const writes = new Map<string, number>();

// `insert into "t"`, `insert or ignore into "t"`, `replace into "t"`, `update "t"`, `update or x "t"`, `delete from "t"`
const WRITE = /^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+["`[]?(\w+)/i;

export function noteStatement(sql: string): void {
  const c = sql.charCodeAt(sql.search(/\S/));
  // i, r, u, d (either case): only then is it worth a regex.
  if (c !== 105 && c !== 73 && c !== 114 && c !== 82 && c !== 117 && c !== 85 && c !== 100 && c !== 68) return;
  const table = WRITE.exec(sql)?.[1]?.toLowerCase();
  if (!table) return;
  writes.set(table, (writes.get(table) ?? 0) + 1);
}

/** A number that changes whenever this isolate writes any of `tables`. */
export function tablesVersion(tables: readonly string[]): number {
  let v = 0;
  for (const t of tables) v += writes.get(t) ?? 0;
  return v;
}
