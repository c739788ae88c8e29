// Bundles a TypeScript module of the app (with its #app/* aliases) so plain Node can import it.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

export async function importTs(entry) {
  const outdir = path.resolve(".wrangler/scripts");
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${path.basename(entry, ".ts")}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    outfile,
    logLevel: "warning",
    tsconfig: "tsconfig.json",
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
