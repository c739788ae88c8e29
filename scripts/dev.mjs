// `npm run dev`: the whole app under Vite's dev server, the Worker running in workerd through the
// Cloudflare Vite plugin (Durable Objects, Queues, D1 and R2 included), on the same local state as `npm start`.
import { spawn } from "node:child_process";
import { ensureDevVars, migrateAndSeed } from "./prepare-local.mjs";

ensureDevVars();
migrateAndSeed();
const port = process.env.PORT ?? "5173";
const dev = spawn("react-router", ["dev", "--port", port, "--host", "127.0.0.1", "--strictPort", ...process.argv.slice(2)], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => dev.kill(sig));
dev.on("exit", (code) => process.exit(code ?? 0));
