// CPU affinity for on-sale night (Linux `taskset`). On Cloudflare the seat object never runs on the
// crowd's CPU; on a 2-core box four busy processes share both cores, so without this the "crowded"
// hold latency measures the box's scheduler, not the seat object. The seat front (and the threads
// timing its holds) get the last core; everything the crowd drives gets the others.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cpus } from "node:os";

const count = cpus().length;
/** Off with BENCH_PIN=0, and where there is no second core or no taskset. */
export const pinning = (() => {
  if (process.env.BENCH_PIN === "0" || count < 2) return false;
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
export const SEAT_CORES = `${count - 1}`;
export const CROWD_CORES = count > 2 ? `0-${count - 2}` : "0";
export const ALL_CORES = `0-${count - 1}`;

/** Pins every thread of a process (or one thread id) to `cores`. */
export function pin(id, cores, { allThreads = true } = {}) {
  if (!pinning || !id) return;
  execFileSync("taskset", [...(allThreads ? ["-a"] : []), "-p", "-c", cores, String(id)], { stdio: "ignore" });
}

/** This process's thread ids, to find the ones a `new Worker()` added. */
export function threadIds() {
  return new Set(readdirSync(`/proc/${process.pid}/task`));
}
