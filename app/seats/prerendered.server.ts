import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { perIsolate } from "#app/utils/isolate.server";
import type { StaticMarkup } from "./prerendered";

/** A page's worth of distinct maps per isolate: each is ~60 KB of HTML for 400 seats. */
const MAX_ENTRIES = 200;
const rendered = perIsolate("prerenderedMarkup", () => new Map<string, string>());

/** The entry server's `StaticMarkup`: renders on a miss, keeps the newest MAX_ENTRIES renderings. */
export const cachedStaticMarkup: StaticMarkup = (key: string, element: ReactElement) => {
  const hit = rendered.get(key);
  if (hit !== undefined) {
    // Refresh its place, so the maps being viewed now are the last to go.
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  const html = renderToStaticMarkup(element);
  if (rendered.size >= MAX_ENTRIES) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, html);
  return html;
};
