// A fan's HTTP client for chaos runs: its own loopback address (so per-IP limits see distinct fans),
// a cookie jar, the page's CSRF token, a bounded wait per request, and patience while the server is
// down (it is killed on purpose mid-sale).
import { request as httpRequest } from "node:http";

const REQUEST_TIMEOUT_MS = 20_000;

function fetchFrom(localAddress, url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(String(body));
    const req = httpRequest(url, { method, localAddress, headers: { ...headers, ...(payload ? { "Content-Length": payload.length } : {}) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const one of [v].flat()) if (one !== undefined) out.append(k, one);
        resolve({ status: res.statusCode, headers: out, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(payload);
  });
}

let clients = 0;

export class Client {
  cookies = new Map();
  constructor(base, name, cookie) {
    this.base = base;
    this.name = name;
    const n = ++clients;
    this.address = `127.1.${Math.floor(n / 250)}.${(n % 250) + 2}`;
    if (cookie) {
      const eq = cookie.indexOf("=");
      this.cookies.set(cookie.slice(0, eq), cookie.slice(eq + 1));
    }
  }

  /** One request; a refused connection (the server is restarting) is retried until `patienceMs` runs out. */
  async fetch(path, init = {}, patienceMs = 90_000) {
    const headers = { ...init.headers };
    headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (init.method && init.method !== "GET") headers.Origin = this.base;
    const deadline = Date.now() + patienceMs;
    for (;;) {
      try {
        const res = await fetchFrom(this.address, this.base + path, { method: init.method, headers, body: init.body });
        for (const c of res.headers.getSetCookie()) {
          const [pair, ...attrs] = c.split(";");
          const eq = pair.indexOf("=");
          const name = pair.slice(0, eq).trim();
          const value = pair.slice(eq + 1).trim();
          if (attrs.some((a) => /max-age=0/i.test(a)) || value === "") this.cookies.delete(name);
          else this.cookies.set(name, value);
        }
        return res;
      } catch (error) {
        const down = /ECONNREFUSED|ECONNRESET|socket hang up|timeout|EPIPE/.test(String(error?.code ?? error?.message));
        if (!down || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1000));
      }
    }
  }

  async page(path) {
    const res = await this.fetch(path);
    const token = /name="csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async form(path, fields) {
    if (!this.csrf) await this.page("/");
    const body = new URLSearchParams({ csrf: this.csrf ?? "", ...fields });
    return this.fetch(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  }

  json(path, method, body, headers = {}) {
    return this.fetch(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } });
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const parse = (res) => {
  try {
    return JSON.parse(res.text);
  } catch {
    return null;
  }
};
