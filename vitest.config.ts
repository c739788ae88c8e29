import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Pure rules (app/domain) and the Web Crypto helpers need no bindings: they run in plain Node,
// which also proves the rules use no Worker globals, and they skip workerd's per-file start-up
// (most of a file's cost there). Everything that touches a binding runs inside workerd.
export const RULES = ["app/domain/**/*.test.ts", "app/utils/form-constraints.test.ts", "app/utils/crypto.server.test.ts", "app/utils/keys.server.test.ts", "app/tickets/token.server.test.ts", "app/payments/signatures.server.test.ts", "app/i18n/**/*.test.ts"];

export default defineConfig({
  test: {
    // Most of a workerd file's cost is its runtime starting; two at a time keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        plugins: [tsconfigPaths()],
        test: { name: "rules", include: RULES, environment: "node", setupFiles: ["./tests/setup/console-guard.ts"] },
      },
      // Its own file: React Router's Vite plugin (which serves the app to the Worker in tests) needs a config file.
      "./vitest.workerd.config.ts",
    ],
  },
});
