// A bench-only entry around the built Worker: counts the D1 statements each request prepares and
// reports them in X-Bench-D1-Queries. One wrapped env for the isolate (the app caches per env).
export const COUNTING_ENTRY = `
import { AsyncLocalStorage } from "node:async_hooks";
import app from "./index.js";
export * from "./index.js";

const current = new AsyncLocalStorage();
function counted(db) {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "prepare") return (...args) => { const c = current.getStore(); if (c) c.n++; return value.apply(target, args); };
      if (prop === "withSession") return (...args) => counted(value.apply(target, args));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
let wrapped;
export default {
  ...app,
  async fetch(request, env, ctx) {
    // Only the page-view bench asks for counting: holds run through the bundle untouched.
    if (!request.headers.has("X-Bench-Count-D1")) return app.fetch(request, env, ctx);
    wrapped ??= { ...env, DB: counted(env.DB) };
    const counter = { n: 0 };
    const res = await current.run(counter, () => app.fetch(request, wrapped, ctx));
    if (res.status === 101 || res.webSocket) return res;
    const out = new Response(res.body, res);
    out.headers.set("X-Bench-D1-Queries", String(counter.n));
    return out;
  },
};
`;
