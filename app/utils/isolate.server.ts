/**
 * One value per isolate, shared by every copy of a module. The Worker shell (workers/) and Remix's
 * server build each bundle their own copy of app modules, so a plain module-level cache would exist
 * twice: a logout or a hold seen by one copy would not reach the other.
 */
export function perIsolate<T>(name: string, make: () => T): T {
  const slots = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`marquee.${name}`);
  return (slots[key] ??= make());
}
