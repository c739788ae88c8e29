import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", ".react-router/**", ".wrangler/**", "node_modules/**", "worker-configuration.d.ts", "test-results/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // One gateway per Durable Object (ADR 030): only it names the binding, so only it can forget to
    // keep the isolate's copies in step. Tests reach raw stubs through tests/helpers/objects.ts.
    // The bench declares the bindings to Miniflare, as wrangler.toml does to Cloudflare.
    ignores: ["app/seats/gateway.server.ts", "app/queue/gateway.server.ts", "tests/helpers/objects.ts", "bench/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Identifier[name=/^(SHOWTIME_SEATS|WAITING_ROOM)$/]", message: "Reach a Durable Object through its gateway: app/seats/gateway.server.ts (seatsOf) or app/queue/gateway.server.ts (roomOf)." },
        { selector: "Literal[value=/^(SHOWTIME_SEATS|WAITING_ROOM)$/]", message: "Reach a Durable Object through its gateway: app/seats/gateway.server.ts (seatsOf) or app/queue/gateway.server.ts (roomOf)." },
      ],
    },
  },
  {
    // Routes are thin (docs/architecture.md): parse input, call a feature module, render. Queries
    // live in the feature folders (app/admin, app/auth, app/catalogue, app/payments, …).
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "drizzle-orm", message: "No queries in a route: call a function of the feature's *.server.ts module (app/admin, app/auth, app/catalogue, app/payments, …)." },
            { name: "#app/db/schema.server", message: "No queries in a route: call a function of the feature's *.server.ts module (app/admin, app/auth, app/catalogue, app/payments, …); types are in app/domain." },
          ],
          patterns: [{ group: ["drizzle-orm/*"], message: "No queries in a route: call a function of the feature's *.server.ts module (app/admin, app/auth, app/catalogue, app/payments, …)." }],
        },
      ],
    },
  },
  {
    // Logs are one JSON line each (ADR 029): the Worker's code logs through app/observability/log.server.ts.
    // Browser-only code (the client entry and the error boundary's browser branch) may use the console.
    files: ["app/**/*.{ts,tsx}", "workers/**/*.ts"],
    ignores: ["**/*.test.ts", "app/observability/log.server.ts", "app/entry.client.tsx", "app/**/*.client.ts"],
    rules: { "no-console": "error" },
  },
  {
    // The service worker is a plain script the browser runs as is (no bundler): its own globals.
    files: ["public/sw.js"],
    languageOptions: { sourceType: "script", globals: { self: "readonly", caches: "readonly", fetch: "readonly", Response: "readonly", URL: "readonly" } },
  },
  {
    files: ["scripts/**/*.mjs", "bench/**/*.mjs", "tests/e2e/**/*.mjs", "tests/adversarial/**/*.mjs", "tests/chaos/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", fetch: "readonly", performance: "readonly", AbortController: "readonly", AbortSignal: "readonly", Buffer: "readonly", WebSocket: "readonly", setInterval: "readonly", clearInterval: "readonly", document: "readonly", window: "readonly", Headers: "readonly", URLSearchParams: "readonly" } },
  },
);
