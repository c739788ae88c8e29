/**
 * Every test fails on a console.error it did not announce (tests/setup/guards.ts). A test that
 * provokes one on purpose — a refused webhook, a broken provider — says so first, with the text it
 * expects, so an unrelated error in the same test still fails it.
 */
type Guard = { expected: RegExp[]; seen: unknown[][] };

export function consoleGuard(): Guard {
  const g = globalThis as { __consoleGuard?: Guard };
  return (g.__consoleGuard ??= { expected: [], seen: [] });
}

export function expectConsoleError(pattern: RegExp = /./): void {
  consoleGuard().expected.push(pattern);
}
