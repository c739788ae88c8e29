export function Poster({ slug, title, className = "" }: { slug: string; title: string; className?: string }) {
  return (
    <img
      src={`/posters/${slug}`}
      alt={`Poster for ${title}`}
      width={240}
      height={360}
      loading="lazy"
      className={`aspect-[2/3] w-full rounded-lg bg-slate-200 object-cover ${className}`}
    />
  );
}
