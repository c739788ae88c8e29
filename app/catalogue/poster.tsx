/** `version` is the uploaded poster's R2 key: a new upload is a new URL, so it can be cached for a year. */
export function posterSrc(slug: string, version?: string | null): string {
  return version ? `/posters/${slug}?v=${encodeURIComponent(version.split("/").pop() ?? "")}` : `/posters/${slug}`;
}

export function Poster({ slug, title, className = "", version }: { slug: string; title: string; className?: string; version?: string | null }) {
  return (
    <img
      src={posterSrc(slug, version)}
      alt={`Poster for ${title}`}
      width={240}
      height={360}
      loading="lazy"
      className={`aspect-[2/3] w-full rounded-lg bg-slate-200 object-cover ${className}`}
    />
  );
}
