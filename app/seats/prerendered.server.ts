import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IsolateCache } from "#app/utils/isolate-cache.server";
import type { StaticMarkup } from "./prerendered";

/** A page's worth of distinct maps per isolate: each is ~60 KB of HTML for 400 seats. */
const MAX_ENTRIES = 200;
const rendered = new IsolateCache<string, string>(MAX_ENTRIES);

/** The entry server's `StaticMarkup`: renders on a miss, keeps the newest MAX_ENTRIES renderings. */
export const cachedStaticMarkup: StaticMarkup = (key: string, element: ReactElement) => {
  const hit = rendered.get(key, 0);
  // Set again either way: the maps being viewed now are the last to go.
  const html = hit ?? renderToStaticMarkup(element);
  rendered.set(key, html);
  return html;
};
