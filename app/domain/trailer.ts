/**
 * Trailer links operators paste (YouTube or Vimeo), reduced to an id we build our own URLs from, so
 * nothing third-party loads until the fan clicks play (the facade on the movie page).
 */
export type Trailer = { provider: "youtube" | "vimeo"; id: string; watchUrl: string; embedUrl: string };

export function parseTrailerUrl(raw: string): Trailer | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.replace(/^www\.|^m\./, "");
  let id: string | null = null;
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    id = url.pathname === "/watch" ? url.searchParams.get("v") : (/^\/(?:embed|shorts)\/([^/]+)/.exec(url.pathname)?.[1] ?? null);
  } else if (host === "youtu.be") {
    id = url.pathname.slice(1).split("/")[0] ?? null;
  } else if (host === "vimeo.com" || host === "player.vimeo.com") {
    const m = /\/(\d{5,12})(?:$|\/)/.exec(url.pathname);
    if (m) return { provider: "vimeo", id: m[1]!, watchUrl: `https://vimeo.com/${m[1]}`, embedUrl: `https://player.vimeo.com/video/${m[1]}?autoplay=1` };
    return null;
  }
  if (!id || !/^[A-Za-z0-9_-]{6,20}$/.test(id)) return null;
  return { provider: "youtube", id, watchUrl: `https://www.youtube.com/watch?v=${id}`, embedUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1` };
}
