import { useEffect, useState } from "react";

/** Set once the first client render has committed: a page opened by client navigation starts enhanced. */
let hydratedOnce = false;

/** True once React has hydrated: lets a component render a no-JS form first and enhance it after. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(hydratedOnce);
  useEffect(() => {
    hydratedOnce = true;
    setHydrated(true);
  }, []);
  return hydrated;
}
