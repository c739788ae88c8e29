import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readdirSync, readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { defineProject } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { RULES } from "./vitest.config";

// Everything that touches a binding runs inside workerd, against the Worker as shipped: the one bundle
// `npm run build` emits (build/server/index.js: the Worker, both Durable Objects and the app). Loading
// it is one module per test file instead of the app's few hundred through Vite (4× less set-up per
// file). What a test imports from app/ is its own copy: it reaches the Worker's state only through
// requests (exports.default.fetch) and the Durable Objects, as a client would.

/** The route table the build shipped (its browser manifest), for the tests that enumerate routes. */
function shippedRoutes(): Plugin {
  const id = "virtual:marquee/shipped-routes";
  return {
    name: "marquee:shipped-routes",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return;
      const dir = "build/client/assets";
      const file = readdirSync(dir).find((f) => /^manifest-[\w-]+\.js$/.test(f));
      if (!file) throw new Error("No route manifest in build/client/assets: run `npm run build` first.");
      const text = readFileSync(`${dir}/${file}`, "utf8");
      return `export default (${text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "")}).routes;`;
    },
  };
}
export default defineProject({
  // @react-email/render's workerd build imports React 19's react-dom/server.edge; React 18 has server.browser (ADR 011).
  resolve: { alias: { "react-dom/server.edge": "react-dom/server.browser" } },
  // React Router's plugin sets Node's export conditions for SSR; the tests run in workerd.
  ssr: { resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] } },
  plugins: [
    tsconfigPaths(),
    shippedRoutes(),
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      main: "./build/server/index.js",
      miniflare: {
        bindings: {
          APP_ENV: "test",
          SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
          // Tests always use the local Razorpay sandbox, whatever keys a developer's .dev.vars holds.
          RAZORPAY_SANDBOX: "on",
          // Tests move rooms' clocks and look at once; the isolate's copy of a room's summary has a test of its own.
          QUEUE_STATUS_MAX_AGE_MS: "0",
          // Likewise seat maps: tests move seat objects' clocks; the isolate's copy has tests of its own (seat-snapshots).
          SEAT_MAP_MAX_AGE_MS: "0",
          RAZORPAY_KEY_ID: "",
          RAZORPAY_KEY_SECRET: "",
          RAZORPAY_WEBHOOK_SECRET: "",
          TEST_MIGRATIONS: await readD1Migrations("migrations"),
          // Booking shard 1 (ADR 031): every test file runs with two booking databases.
          TEST_SHARD_MIGRATIONS: await readD1Migrations("migrations-bookings"),
        },
      },
    })),
  ],
  test: {
    name: "workerd",
    // Generous: a busy 2-core machine can stretch a multi-request payment race past vitest's 5 s default.
    testTimeout: 30_000,
    include: ["app/**/*.test.ts", "workers/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: RULES,
    setupFiles: ["./tests/setup/apply-migrations.ts", "./tests/setup/in-process-mailbox.ts", "./tests/setup/console-guard.ts"],
    deps: { optimizer: { ssr: { enabled: true, include: ["react-router", "react", "react-dom/server", "react/jsx-runtime", "@react-email/components", "html-to-text", "resend"] } } },
  },
});
