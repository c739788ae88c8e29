// `npm test`: the checks, then the vitest suite inside workerd on the Worker as built.
// Typecheck and lint are single-threaded and so is the build: on two cores they run side by side
// (each step's output is held and printed whole, so the log reads in order), and vitest starts
// once both are green, since its workerd tests import the build.
import { spawn } from "node:child_process";

const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one command; resolves with its exit code and its output (printed live when `live`). */
function run(cmd, args, { live = false } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("close", (code, signal) => resolve({ name: [cmd, ...args].join(" "), code: code ?? (signal ? 1 : 0), out, ms: Date.now() - t0 }));
  });
}

/** Steps one after another, stopping at the first that fails. */
async function chain(steps) {
  const done = [];
  for (const [cmd, ...args] of steps) {
    const result = await run(cmd, args);
    done.push(result);
    if (result.code !== 0) break;
  }
  return done;
}

function report(results) {
  for (const r of results) {
    if (r.out.trim()) process.stdout.write(`\n> ${r.name}\n${r.out}`);
    console.log(`${r.code === 0 ? "ok" : "FAILED"}  ${r.name}  (${secs(r.ms)})`);
  }
  return results.every((r) => r.code === 0);
}

// The route types first: both the typecheck and the build read them.
const typegen = await chain([["npx", "react-router", "typegen"]]);
if (!report(typegen)) process.exit(1);

const [checks, build] = await Promise.all([
  chain([
    ["npx", "tsc", "-p", "tsconfig.json"],
    ["npx", "tsc", "-p", "tsconfig.node.json"],
    ["npm", "run", "cf-typegen", "--", "--check"],
    ["npm", "run", "lint"],
  ]),
  chain([["npm", "run", "build"]]),
]);
const checksOk = report(checks);
const buildOk = report(build);
if (!checksOk || !buildOk) process.exit(1);
console.log(`checks and build in ${secs(Date.now() - started)}; vitest next`);

const vitest = await run("npx", ["vitest", "run", ...process.argv.slice(2)], { live: true });
console.log(`npm test: ${vitest.code === 0 ? "green" : "FAILED"} in ${secs(Date.now() - started)} (vitest ${secs(vitest.ms)})`);
process.exit(vitest.code);
