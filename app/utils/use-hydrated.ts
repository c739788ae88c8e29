import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * True once React has hydrated: lets a component render a no-JS form first and enhance it after.
 * False only while rendering on the server and hydrating; a page reached by client-side navigation
 * renders enhanced from its first render (no flash of the no-JS version).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
