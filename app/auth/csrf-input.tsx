import { useRouteLoaderData } from "react-router";
import type { loader as rootLoader } from "#app/root";

export const CSRF_FIELD = "csrf";

/** The hidden field every state-changing form carries; the token comes from the root loader. */
export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name={CSRF_FIELD} value={data?.csrf ?? ""} />;
}
