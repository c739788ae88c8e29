import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";

/**
 * The browser gets its one catalogue already parsed (app/i18n/locale.server.ts), so its build takes
 * FormatJS's documented parser-less entry: the ICU parser (~40 kB) never ships (ADR 032).
 */
function icuParserOnlyOnServer(): Plugin {
  return {
    name: "marquee:icu-parser-only-on-server",
    enforce: "pre",
    resolveId(source, importer) {
      if (source !== "@formatjs/icu-messageformat-parser" || this.environment.name !== "client") return;
      return this.resolve("@formatjs/icu-messageformat-parser/no-parser.js", importer, { skipSelf: true });
    },
  };
}
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [
    // The Worker in wrangler.toml (fetch, queue, scheduled, both Durable Objects) is React Router's
    // SSR environment: `vite dev` runs it in workerd with D1, Queues, R2 and the objects; `vite build`
    // emits it as one bundle with the app (ADR 030).
    cloudflare({ viteEnvironment: { name: "ssr" } }),
    reactRouter(),
    tailwindcss(),
    tsconfigPaths(),
    icuParserOnlyOnServer(),
  ],
  resolve: {
    // @react-email/render's workerd build imports React 19's react-dom/server.edge; React 18 has server.browser (ADR 011).
    alias: { "react-dom/server.edge": "react-dom/server.browser" },
  },
  // Terser packs the browser's JS ~4% tighter than esbuild (docs/performance.md). Set at the top:
  // React Router's plugin writes the client environment's build options itself, so an
  // `environments.client` setting never reached the browser build (it shipped unminified).
  build: { minify: "terser", terserOptions: { module: true, compress: { passes: 2 } } },
  environments: {
    // The Worker's bundle stays readable in stack traces; its size is not on a fan's wire.
    ssr: { build: { minify: false } },
  },
});
