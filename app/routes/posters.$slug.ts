import type { LoaderFunctionArgs } from "react-router";
import { posterSvg } from "#app/domain/poster";
import { POSTER_WIDTHS, posterVariantKey } from "#app/catalogue/poster";
import { getMovieBySlug } from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { slugParam } from "#app/utils/params";

const YEAR = "public, max-age=31536000, immutable";

/**
 * The uploaded poster from R2 when there is one, else the generated SVG. Pages link the uploaded
 * one as ?v=<content hash>: that exact URL never changes content, so it is cached for a year; the
 * bare URL (shared links, the fallback) is cached briefly so a new upload shows up. `&w=240|480`
 * asks for the copy made at upload for a slot that wide; a poster with no such copy (WebP, an older
 * upload, one already that narrow) answers with the original.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const slug = slugParam(params.slug);
  const movie = await getMovieBySlug(s.db, slug);
  // A resource route answers with a plain Response: there is no error boundary to render.
  if (!movie) return new Response("No such poster.", { status: 404, headers: { "Content-Type": "text/plain" } });
  const query = new URL(request.url).searchParams;
  const version = query.get("v");
  if (movie.posterKey) {
    const width = POSTER_WIDTHS.find((w) => String(w) === query.get("w"));
    const copy = width && (await s.env.POSTERS.head(posterVariantKey(movie.posterKey, width)));
    const object = await s.env.POSTERS.get(copy ? copy.key : movie.posterKey, { onlyIf: request.headers });
    if (object) {
      const headers = new Headers({
        "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
        "Cache-Control": version && movie.posterKey.endsWith(`/${version}`) ? YEAR : "public, max-age=300",
        ETag: object.httpEtag,
        "X-Content-Type-Options": "nosniff",
      });
      if (!("body" in object)) return new Response(null, { status: 304, headers });
      return new Response(object.body, { headers });
    }
  }
  return new Response(posterSvg(movie), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}
