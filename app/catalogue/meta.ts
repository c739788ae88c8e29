import type { MetaDescriptor } from "react-router";

/**
 * Title, description and OpenGraph/Twitter tags for a catalogue page, so a shared link previews
 * with the poster. OpenGraph wants absolute URLs, hence `origin` (the loader's APP_ORIGIN).
 */
export function pageMeta(p: { title: string; description: string; origin?: string; path?: string; image?: string; type?: string }): MetaDescriptor[] {
  const abs = (path: string) => (p.origin ? new URL(path, p.origin).toString() : path);
  const tags: MetaDescriptor[] = [
    { title: p.title },
    { name: "description", content: p.description },
    { property: "og:site_name", content: "Marquee" },
    { property: "og:title", content: p.title },
    { property: "og:description", content: p.description },
    { property: "og:type", content: p.type ?? "website" },
    { name: "twitter:card", content: p.image ? "summary_large_image" : "summary" },
  ];
  if (p.path) tags.push({ property: "og:url", content: abs(p.path) });
  if (p.image) tags.push({ property: "og:image", content: abs(p.image) }, { name: "twitter:image", content: abs(p.image) });
  return tags;
}
