import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
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
          RAZORPAY_KEY_ID: "",
          RAZORPAY_KEY_SECRET: "",
          RAZORPAY_WEBHOOK_SECRET: "",
          TEST_MIGRATIONS: await readD1Migrations("migrations"),
        },
      },
    })),
  ],
  test: {
    include: ["app/**/*.test.ts", "workers/**/*.test.ts", "tests/**/*.test.ts"],
    setupFiles: ["./tests/setup/apply-migrations.ts"],
    deps: { optimizer: { ssr: { enabled: true, include: ["@remix-run/cloudflare", "@remix-run/server-runtime", "@remix-run/react", "react", "react-dom/server", "react/jsx-runtime", "@react-email/components", "html-to-text", "resend"] } } },
  },
});
