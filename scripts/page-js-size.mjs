// Prints the JavaScript a page of the built app ships (entry + root + the route, each chunk once),
// raw and gzipped, so a change's cost to a page can be measured: `node scripts/page-js-size.mjs [routeId]`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const dir = path.resolve("build/client/assets");
const manifestFile = readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("No build/client/assets/manifest-*.js: run `npm run build` first.");
const manifest = JSON.parse(readFileSync(path.join(dir, manifestFile), "utf8").replace(/^window\.__reactRouterManifest=/, "").replace(/;\s*$/, ""));
const routeId = process.argv[2] ?? "routes/showtimes.$showtimeId";
const route = manifest.routes[routeId];
if (!route) throw new Error(`No route ${routeId}`);
const files = new Set([manifest.entry.module, ...manifest.entry.imports, manifest.routes.root.module, ...manifest.routes.root.imports, route.module, ...route.imports]);
let raw = 0;
let gz = 0;
for (const f of files) {
  const text = readFileSync(path.join("build/client", f));
  raw += text.length;
  gz += gzipSync(text).length;
}
console.log(`${routeId}: ${files.size} chunks, ${raw} bytes, ${gz} bytes gzipped (each chunk gzipped alone)`);
