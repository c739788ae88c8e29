// A bench-only entry around the built Worker: a counting wrapper around every D1 binding (DB and the
// booking shards), below everything the app does (drizzle, routedD1, the raw batches), so it sees
// exactly what would reach D1.
// - Page views: X-Bench-Count-D1 on a request → the statements it prepared, in X-Bench-D1-Queries.
// - The purchase (issue 30): X-Bench-D1-Label on a request (and everything it leaves in waitUntil),
//   the email consumer ("email") and the seat object ("seat object") add up, per label and per
//   binding, the round trips (one per run/all/first/raw/exec or batch call) and the statements (a
//   batch of n is n). GET /__d1-counts reads them; ?reset=1 zeroes them. Statements on the
//   local stand-ins' own tables (Razorpay sandbox, mailbox) are not Marquee's and are left out: in
//   production those are Razorpay's and Resend's servers.
export const COUNTING_ENTRY = `
import { AsyncLocalStorage } from "node:async_hooks";
import app, { ShowtimeSeats as AppShowtimeSeats } from "./index.js";
export * from "./index.js";

const STAND_IN = /razorpay_sandbox_|dev_mailbox/i;
const current = new AsyncLocalStorage();
const labelled = new AsyncLocalStorage();
const counts = {};

function note(binding, sqls) {
  const label = labelled.getStore();
  if (!label) return;
  const ours = sqls.filter((s) => !STAND_IN.test(s));
  if (ours.length === 0) return;
  const byLabel = (counts[label] ??= {});
  const c = (byLabel[binding] ??= { roundTrips: 0, statements: 0, writes: 0 });
  c.roundTrips += 1;
  c.statements += ours.length;
  c.writes += ours.filter((s) => /^\\s*(insert|update|delete|replace)/i.test(s)).length;
  // The first round trips of each label, shortened, for reading what a step does (results JSON).
  const sample = (byLabel.sample ??= []);
  if (sample.length < 40) sample.push(binding + ": " + ours.map((s) => s.replace(/\\s+/g, " ").slice(0, 90)).join(" ;; "));
}

const SQL = Symbol("sql");
function statement(real, binding, sql) {
  const run = (method) => (...args) => { note(binding, [sql]); return real[method](...args); };
  return { [SQL]: sql, real, bind: (...v) => statement(real.bind(...v), binding, sql), first: run("first"), all: run("all"), run: run("run"), raw: run("raw") };
}
function counted(db, binding) {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "prepare") return (sql) => { const c = current.getStore(); if (c) c.n++; return statement(value.call(target, sql), binding, sql); };
      if (prop === "batch") return (stmts) => { note(binding, stmts.map((s) => s[SQL] ?? "")); return value.call(target, stmts.map((s) => s.real ?? s)); };
      if (prop === "exec") return (sql) => { note(binding, [sql]); return value.call(target, sql); };
      if (prop === "withSession") return (...args) => counted(value.apply(target, args), binding);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
const isD1 = (v) => v && typeof v === "object" && typeof v.prepare === "function" && typeof v.batch === "function" && typeof v.withSession === "function";
const envs = new WeakMap();
function countedEnv(env) {
  let w = envs.get(env);
  if (!w) {
    w = { ...env };
    for (const [k, v] of Object.entries(env)) if (isD1(v)) w[k] = counted(v, k);
    envs.set(env, w);
  }
  return w;
}

export class ShowtimeSeats extends AppShowtimeSeats {
  constructor(ctx, env) {
    super(ctx, countedEnv(env));
  }
  // The object's own D1 calls (held_shows, its showtime's facts, a sale's seats) on the purchase's behalf.
  fetch(...a) { return labelled.run("seat object", () => super.fetch(...a)); }
}
for (const name of Object.getOwnPropertyNames(AppShowtimeSeats.prototype)) {
  if (name === "constructor" || name === "fetch" || name.startsWith("#")) continue;
  const d = Object.getOwnPropertyDescriptor(AppShowtimeSeats.prototype, name);
  if (typeof d?.value !== "function") continue;
  Object.defineProperty(ShowtimeSeats.prototype, name, { configurable: true, writable: true, value(...a) { return labelled.run("seat object", () => d.value.apply(this, a)); } });
}

export default {
  ...app,
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/__d1-counts") {
      const out = JSON.parse(JSON.stringify(counts));
      if (url.searchParams.has("reset")) for (const k of Object.keys(counts)) delete counts[k];
      return Response.json(out);
    }
    const label = request.headers.get("X-Bench-D1-Label");
    if (label) return labelled.run(label, () => app.fetch(request, countedEnv(env), ctx));
    // Only the page-view bench asks for counting: holds run through the bundle untouched.
    if (!request.headers.has("X-Bench-Count-D1")) return app.fetch(request, env, ctx);
    const counter = { n: 0 };
    const res = await current.run(counter, () => app.fetch(request, countedEnv(env), ctx));
    if (res.status === 101 || res.webSocket) return res;
    const out = new Response(res.body, res);
    out.headers.set("X-Bench-D1-Queries", String(counter.n));
    return out;
  },
  queue: (batch, env, ctx) => labelled.run("email", () => app.queue(batch, countedEnv(env), ctx)),
};
`;
