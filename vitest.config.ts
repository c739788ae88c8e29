import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Pure rules (app/domain) and the Web Crypto helpers need no bindings: they run in plain Node,
// which also proves the rules use no Worker globals, and they skip workerd's per-file start-up
// (most of a file's cost there). Everything that touches a binding runs inside workerd.
const RULES = ["app/domain/**/*.test.ts", "app/utils/form-constraints.test.ts", "app/utils/crypto.server.test.ts", "app/utils/keys.server.test.ts", "app/tickets/token.server.test.ts", "app/payments/signatures.server.test.ts"];

export default defineConfig({
  test: {
    // Most of a workerd file's cost is its runtime starting; two at a time keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: { name: "rules", include: RULES, environment: "node", setupFiles: ["./tests/setup/console-guard.ts"] },
      },
      {
        // @react-email/render's workerd build imports React 19's react-dom/server.edge; React 18 has server.browser (ADR 011).
        resolve: { alias: { "react-dom/server.edge": "react-dom/server.browser" } },
        plugins: [
          tsconfigPaths(),
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
          deps: { optimizer: { ssr: { enabled: true, include: ["@remix-run/cloudflare", "@remix-run/server-runtime", "@remix-run/react", "react", "react-dom/server", "react/jsx-runtime", "@react-email/components", "html-to-text", "resend"] } } },
        },
      },
    ],
  },
});
