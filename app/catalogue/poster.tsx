/** `version` is the uploaded poster's R2 key: a new upload is a new URL, so it can be cached for a year. */
export function posterSrc(slug: string, version?: string | null): string {
  return version ? `/posters/${slug}?v=${encodeURIComponent(version.split("/").pop() ?? "")}` : `/posters/${slug}`;
}

/** `eager`: a poster in the first screen loads at once (and first), the rest as they scroll near. */
export function Poster({ slug, title, className = "", version, eager = false }: { slug: string; title: string; className?: string; version?: string | null; eager?: boolean }) {
  return (
    <img
      src={posterSrc(slug, version)}
      alt={`Poster for ${title}`}
      width={240}
      height={360}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      className={`aspect-[2/3] w-full rounded-lg bg-slate-200 object-cover ${className}`}
    />
  );
}
