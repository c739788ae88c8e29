import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { reactRouter } from "@react-router/dev/vite";
import { defineProject } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import { RULES } from "./vitest.config";

// Everything that touches a binding runs inside workerd, through the same Worker entry as production
// (workers/app.ts), with React Router's plugin serving the app's modules to it: one module graph.
export default defineProject({
  // @react-email/render's workerd build imports React 19's react-dom/server.edge; React 18 has server.browser (ADR 011).
  resolve: { alias: { "react-dom/server.edge": "react-dom/server.browser" } },
  // React Router's plugin sets Node's export conditions for SSR; the tests run in workerd.
  ssr: { resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] } },
  plugins: [
    tsconfigPaths(),
    reactRouter(),
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
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
