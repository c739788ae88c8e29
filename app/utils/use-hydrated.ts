import { useEffect, useState } from "react";

/** True once React has hydrated: lets a component render a no-JS form first and enhance it after. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
