import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { posterSvg } from "#app/domain/poster";
import { getMovieBySlug } from "#app/catalogue/queries.server";
import { services } from "#app/utils/context.server";
import { slugParam } from "#app/utils/params";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = slugParam(params.slug);
  const movie = await getMovieBySlug(services(context, request).db, slug);
  // A resource route answers with a plain Response: there is no error boundary to render.
  if (!movie) return new Response("No such poster.", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(posterSvg(movie), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}
