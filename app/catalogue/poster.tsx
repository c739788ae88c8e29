/** The widths an uploaded poster is also stored at (made at upload; see app/admin/poster-variants.server.ts). */
export const POSTER_WIDTHS = [240, 480] as const;

/** The R2 key of an uploaded poster's copy at `width`. */
export function posterVariantKey(key: string, width: number): string {
  return `${key}.w${width}.jpg`;
}

/** `version` is the uploaded poster's R2 key: a new upload is a new URL, so it can be cached for a year. */
export function posterSrc(slug: string, version?: string | null, width?: number): string {
  const base = version ? `/posters/${slug}?v=${encodeURIComponent(version.split("/").pop() ?? "")}` : `/posters/${slug}`;
  return width && version ? `${base}&w=${width}` : base;
}

/**
 * `eager`: a poster in the first screen loads at once (and first), the rest as they scroll near.
 * `sizes`: how wide the slot is, so the browser picks the 240 or 480 px copy of an uploaded poster
 * (the generated poster is an SVG of a few kB and sharp at any width, so it has no srcset).
 */
export function Poster({
  slug,
  title,
  className = "",
  version,
  eager = false,
  sizes = "(min-width: 1024px) 200px, (min-width: 640px) 30vw, 46vw",
}: {
  slug: string;
  title: string;
  className?: string;
  version?: string | null;
  eager?: boolean;
  sizes?: string;
}) {
  return (
    <img
      src={posterSrc(slug, version)}
      srcSet={version ? POSTER_WIDTHS.map((w) => `${posterSrc(slug, version, w)} ${w}w`).join(", ") : undefined}
      sizes={version ? sizes : undefined}
      alt={`Poster for ${title}`}
      width={240}
      height={360}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      className={`aspect-[2/3] w-full rounded-lg bg-slate-200 object-cover ${className}`}
    />
  );
}
