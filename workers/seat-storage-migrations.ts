/** Append-only schema migrations for each ShowtimeSeats object's SQLite storage. Never edit a shipped entry. */
export const SEAT_STORAGE_MIGRATIONS: string[] = [
  `CREATE TABLE holds (
     hold_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL UNIQUE,
     seat_ids TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE seats (
     seat_id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('held', 'claimed', 'sold', 'blocked')),
     hold_id TEXT,
     user_id TEXT,
     booking_id TEXT,
     expires_at INTEGER
   );
   CREATE INDEX seats_booking_idx ON seats (booking_id);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Held seats now live only in their hold's seat_ids (one statement per hold); those rows are redundant.
  `DELETE FROM seats WHERE kind = 'held';`,
];

export function migrateSeatStorage(sql: SqlStorage): void {
  sql.exec("CREATE TABLE IF NOT EXISTS _migrations (id INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const done = new Set(sql.exec<{ id: number }>("SELECT id FROM _migrations").toArray().map((r) => r.id));
  SEAT_STORAGE_MIGRATIONS.forEach((statement, id) => {
    if (done.has(id)) return;
    sql.exec(statement);
    sql.exec("INSERT INTO _migrations (id, applied_at) VALUES (?, ?)", id, Date.now());
  });
}
