import { eq } from "drizzle-orm";
import { catalogueVersion } from "#app/db/schema.server";
import type { Services } from "#app/utils/context.server";

/**
 * Catalogue reads cached at the edge (Cache API, per Cloudflare location) for a short while. The
 * key carries `catalogue_version`, which triggers bump on every write to movies, cinemas, screens,
 * showtimes and cities, so an operator's edit is a new key at once: that is the purge. Seat sales
 * never go through here (chips read the live counter), so a cached page is never "fuller" than D1.
 */
export async function cachedCatalogueRead<T>(s: Services, key: string, read: () => Promise<T>): Promise<T> {
  const ttl = s.config.CATALOGUE_CACHE_SECONDS;
  if (ttl === 0) return read();
  const row = await s.db.select({ version: catalogueVersion.version }).from(catalogueVersion).where(eq(catalogueVersion.id, 1)).get();
  const url = `https://catalogue-cache.marquee.internal/v${row?.version ?? 0}/${encodeURIComponent(key)}`;
  const cache = await caches.open("catalogue");
  const hit = await cache.match(url);
  if (hit) return (await hit.json()) as T;
  const value = await read();
  s.waitUntil(cache.put(url, new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json", "Cache-Control": `public, max-age=${ttl}` } })));
  return value;
}
