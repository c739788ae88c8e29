import { exports } from "cloudflare:workers";

const ORIGIN = "http://localhost";

function randomTestIp(): string {
  // 198.18.0.0/15 is reserved for benchmarking; a random address keeps tests' per-IP limits apart.
  const [a, b, c] = crypto.getRandomValues(new Uint8Array(3));
  return `198.${18 + (a! & 1)}.${b}.${c}`;
}

/**
 * A tiny cookie-keeping client for the real Worker, so tests exercise routing, cookies,
 * CSRF and redirects exactly as a browser would (minus JavaScript).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  /** Each browser gets an address of its own, so per-IP limits in one test never trip another's. */
  constructor(private readonly ip = randomTestIp()) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    headers.set("CF-Connecting-IP", this.ip);
    headers.set("Host", new URL(ORIGIN).host);
    const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers, redirect: "manual" }));
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => a.trim().toLowerCase() === "max-age=0");
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.fetch(path);
  }

  /** GETs the page first (for the CSRF cookie and token), then submits the form like a browser. */
  async submit(path: string, fields: Record<string, string>, opts: { csrf?: string | null; origin?: string } = {}) {
    let csrf = opts.csrf;
    let bot: string | null = null;
    if (csrf === undefined) {
      const html = await (await this.get(path)).text();
      csrf = csrfTokenFrom(html);
      // The local bot check's pass, as a browser would post it (a test can override the field).
      bot = /name="cf-turnstile-response" value="([^"]+)"/.exec(html)?.[1] ?? null;
    }
    const body = new URLSearchParams(fields);
    if (bot !== null && !body.has("cf-turnstile-response")) body.set("cf-turnstile-response", bot);
    if (csrf !== null) body.set("csrf", csrf);
    return this.fetch(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: opts.origin ?? ORIGIN },
    });
  }
}

export function csrfTokenFrom(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no CSRF token in page");
  return match[1];
}
