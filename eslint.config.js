import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", ".wrangler/**", "node_modules/**", "worker-configuration.d.ts", "test-results/**", "bench/results/**"] },
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
    files: ["scripts/**/*.mjs", "bench/**/*.mjs", "tests/e2e/**/*.mjs", "tests/adversarial/**/*.mjs", "tests/chaos/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", fetch: "readonly", performance: "readonly", AbortController: "readonly", Buffer: "readonly", WebSocket: "readonly", setInterval: "readonly", clearInterval: "readonly", document: "readonly", window: "readonly", Headers: "readonly", URLSearchParams: "readonly", AbortSignal: "readonly" } },
  },
);
