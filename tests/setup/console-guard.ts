import { afterEach, beforeEach, vi } from "vitest";
import { consoleGuard } from "#tests/helpers/console";

let spy: { mockRestore(): void } | undefined;

beforeEach(() => {
  const guard = consoleGuard();
  guard.expected = [];
  guard.seen = [];
  spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    guard.seen.push(args);
  });
});

afterEach(() => {
  const guard = consoleGuard();
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  const unexpected = guard.seen.map(text).filter((line) => !guard.expected.some((re) => re.test(line)));
  spy?.mockRestore();
  if (unexpected.length > 0) throw new Error(`Unexpected console.error:\n${unexpected.join("\n---\n")}`);
});
