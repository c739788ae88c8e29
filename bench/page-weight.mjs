// What a phone downloads to show the seat page, and how long the server takes to render it.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { percentile } from "./load.mjs";

export async function seatPageWeight(base, path) {
  const html = await (await fetch(base + path)).text();
  const urls = new Set();
  for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"/g)) urls.add(m[1]);
  // Remix inlines its manifest import map as `import("...")` calls in the page.
  for (const m of html.matchAll(/import\s*\(?\s*"(\/assets\/[^"]+\.js)"/g)) urls.add(m[1]);
  let js = 0;
  let css = 0;
  // Follow static imports too: the browser loads the whole graph before the page is interactive.
  const queue = [...urls].map((u) => new URL(u, base).href);
  const seen = new Set(queue);
  while (queue.length) {
    const u = queue.shift();
    // Read the built file: the Miniflare run has no static-assets layer in front of the Worker.
    const body = readFileSync(`build/client${new URL(u).pathname}`);
    const gz = gzipSync(body, { level: 9 }).length;
    if (u.endsWith(".css")) {
      css += gz;
      continue;
    }
    js += gz;
    for (const m of body.toString("utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.js|\/assets\/[^"]+\.js)"/g)) {
      const next = new URL(m[1], u).href;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return { files: seen.size, jsGzipBytes: js, cssGzipBytes: css, htmlGzipBytes: gzipSync(html).length };
}

export async function seatPageRender(base, path, cookie, n = 100) {
  const times = [];
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(base + path, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (i >= 10) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: +percentile(times, 50).toFixed(1), p99: +percentile(times, 99).toFixed(1) };
}
