import { useSearchParams } from "react-router";

/** Hidden fields that carry `redirectTo` and picked seats (`hold`) through the account pages. */
export function ContinueFields() {
  const [params] = useSearchParams();
  return (
    <>
      <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
      <input type="hidden" name="hold" value={params.get("hold") ?? ""} />
    </>
  );
}

/** The same, as a query string for links between the account pages. */
export function useContinueSearch(): string {
  const [params] = useSearchParams();
  const next = new URLSearchParams();
  for (const name of ["redirectTo", "hold"]) {
    const value = params.get(name);
    if (value) next.set(name, value);
  }
  return next.toString();
}
