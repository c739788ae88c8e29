import { chaosOf, type Chaos } from "./chaos.server";

/**
 * The dev-only D1 wrapper of chaos runs: with `d1_error` set, a share of statements and batches fail
 * before they reach the database, with the message a dropped connection gives
 * ("D1_ERROR: Network connection lost."). Without it (and always in production) `chaosEnv` returns
 * the very env it was given, so the wrapper costs nothing there.
 */
const wrapped = new WeakMap<object, Env>();

export function chaosEnv(env: Env): Env {
  const hit = wrapped.get(env);
  if (hit) return hit;
  const chaos = chaosOf(env);
  const result = chaos && (chaos.rates.d1_error ?? 0) > 0 ? withDb(env, chaosD1(env.DB, chaos)) : env;
  wrapped.set(env, result);
  return result;
}

function withDb(env: Env, db: D1Database): Env {
  return new Proxy(env, {
    get(target, prop) {
      return prop === "DB" ? db : (Reflect.get(target, prop) as unknown);
    },
  });
}

export class ChaosD1Error extends Error {
  constructor(what: string) {
    super(`D1_ERROR: Network connection lost. (chaos: ${what})`);
  }
}

/** Throws inside the async call, so the failure arrives as a rejected promise, as D1's own do. */
function fail(chaos: Chaos, what: string): void {
  if (chaos.roll("d1_error", what)) throw new ChaosD1Error(what);
}

const REAL = Symbol("real statement");
type Wrapped = D1PreparedStatement & { [REAL]: D1PreparedStatement };

function statement(real: D1PreparedStatement, chaos: Chaos, sql: string): D1PreparedStatement {
  const label = sql.trim().split(/\s+/).slice(0, 3).join(" ");
  const s = {
    [REAL]: real,
    bind: (...values: unknown[]) => statement(real.bind(...values), chaos, sql),
    first: async (column?: string) => {
      fail(chaos, label);
      return column === undefined ? real.first() : real.first(column);
    },
    all: async () => {
      fail(chaos, label);
      return real.all();
    },
    run: async () => {
      fail(chaos, label);
      return real.run();
    },
    raw: async (options?: { columnNames?: boolean }) => {
      fail(chaos, label);
      return options?.columnNames ? real.raw({ columnNames: true }) : real.raw();
    },
  };
  return s as unknown as Wrapped;
}

const unwrap = (s: D1PreparedStatement) => (s as Partial<Wrapped>)[REAL] ?? s;

type Preparer = Pick<D1Database, "prepare" | "batch">;

function preparer<T extends Preparer>(real: T, chaos: Chaos): Preparer {
  return {
    prepare: (sql: string) => statement(real.prepare(sql), chaos, sql),
    batch: async <R>(statements: D1PreparedStatement[]) => {
      fail(chaos, `batch of ${statements.length}`);
      return real.batch<R>(statements.map(unwrap));
    },
  };
}

export function chaosD1(real: D1Database, chaos: Chaos): D1Database {
  const db = {
    ...preparer(real, chaos),
    exec: async (sql: string) => {
      fail(chaos, "exec");
      return real.exec(sql);
    },
    dump: () => real.dump(),
    withSession: (constraint?: string) => {
      const session = real.withSession(constraint);
      return { ...preparer(session, chaos), getBookmark: () => session.getBookmark() };
    },
  };
  return db as unknown as D1Database;
}
