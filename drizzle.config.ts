import { defineConfig } from "drizzle-kit";

// Generate only: migrations are applied by `wrangler d1 migrations apply` (and replayed in tests).
export default defineConfig({
  schema: "./app/db/schema.server.ts",
  out: "./migrations",
  dialect: "sqlite",
});
