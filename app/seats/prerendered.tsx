import { createContext, useContext, type ReactElement } from "react";
import { CarryI18n, useI18n } from "#app/i18n/context";

/**
 * Renders `element` to static HTML, reusing an earlier rendering of the same `key` (server only).
 * The entry server provides it; in the browser there is none.
 */
export type StaticMarkup = (key: string, element: ReactElement) => string;

export const StaticMarkupContext = createContext<StaticMarkup | null>(null);

/**
 * What the browser shows before React hydrates, rendered once per distinct `cacheKey` and reused for
 * every page view with the same key. On a hot show almost every view of one version of the map is
 * the same 400 seats: rendering them is most of a page view's server time (bench: 18 → 105 views/s
 * without it), so the server renders them once and pastes the HTML.
 *
 * React keeps server HTML under `dangerouslySetInnerHTML` as it is while hydrating (the browser
 * passes an empty string, so the markup is not sent twice); once hydrated the caller renders the
 * interactive element instead. `cacheKey` must name everything the element's markup depends on.
 */
export function Prerendered({ cacheKey, children }: { cacheKey: string; children: ReactElement }) {
  const markup = useContext(StaticMarkupContext);
  const i18n = useI18n();
  // `cacheKey` must include the language too: the markup carries its words.
  const element = <CarryI18n value={i18n}>{children}</CarryI18n>;
  return <div data-prerendered="" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: markup ? markup(cacheKey, element) : "" }} />;
}
