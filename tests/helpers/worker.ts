// @ts-expect-error -- build output (untyped JS): the one bundle `npm run build` emits, the same module
// the test pool runs as the main Worker (vitest.workerd.config.ts). Its shape is workers/app.ts's default.
import built from "../../build/server/index.js";
import type app from "#workers/app";

/** The Worker as shipped, for tests that call its handlers with an env of their own (production vars, a queue batch, a cron). */
export const worker = built as typeof app;
