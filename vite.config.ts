import { vitePlugin as remix, cloudflareDevProxyVitePlugin } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { getLoadContext } from "./workers/load-context";

export default defineConfig(({ command, isSsrBuild }) => ({
  plugins: [
    // Only `vite dev` needs the platform proxy; a build must not spin up bindings.
    command === "serve" ? cloudflareDevProxyVitePlugin({ getLoadContext }) : null,
    remix({
      ignoredRouteFiles: ["**/*.test.*", "**/*.server.test.*"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tailwindcss(),
    tsconfigPaths(),
  ],
  ssr: {
    resolve: {
      conditions: ["workerd", "worker", "browser"],
      externalConditions: ["workerd", "worker"],
    },
  },
  resolve: {
    // @react-email/render's workerd build imports React 19's react-dom/server.edge; React 18 has server.browser (ADR 011).
    alias: { "react-dom/server.edge": "react-dom/server.browser" },
    mainFields: ["browser", "module", "main"],
  },
  build: {
    // Terser packs the browser's JS ~4% tighter than esbuild (the seat page's 97.5 → 93.7 KB gzip,
    // under its 92 KiB budget, docs/performance.md); the Worker's bundle keeps the faster esbuild.
    minify: isSsrBuild ? true : "terser",
    terserOptions: { compress: { passes: 2 } },
  },
}));
