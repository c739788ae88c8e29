// `npm run test:e2e`: start the app the way the README does (`npm start`), then run the browser suite.
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const port = process.env.E2E_PORT ?? "8790";
const baseUrl = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get install -y chromium`);
  process.exit(1);
}

// A short hold TTL lets the suite watch a countdown reach zero without waiting ten minutes.
const env = { ...process.env, PORT: port, HOLD_TTL_SECONDS: process.env.HOLD_TTL_SECONDS ?? "45" };
const app = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
let log = "";
app.stdout.on("data", (d) => (log += d));
app.stderr.on("data", (d) => (log += d));

async function waitUp() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`app did not come up on ${baseUrl}:\n${log.slice(-4000)}`);
}

let code = 1;
try {
  await waitUp();
  console.log(`app up on ${baseUrl}; running the browser suite`);
  try {
    const suiteEnv = { ...process.env, E2E_BASE_URL: baseUrl, E2E_HOLD_TTL_SECONDS: env.HOLD_TTL_SECONDS };
    execFileSync("node", ["--test", "--test-concurrency=1", "--test-timeout=180000", "tests/e2e/*.test.mjs"], { stdio: "inherit", env: suiteEnv });
    // Then the attackers: racing fans, replayed callbacks, forged webhooks, hijacked payments.
    execFileSync("node", ["tests/adversarial/race.mjs"], { stdio: "inherit", env: suiteEnv });
    code = 0;
  } catch {
    code = 1;
  }
} catch (error) {
  console.error(error.message);
} finally {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
process.exit(code);
