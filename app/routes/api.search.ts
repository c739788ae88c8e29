import { requestLocale } from "#app/i18n/locale.server";
import type { LoaderFunctionArgs } from "react-router";
import { searchMovies } from "#app/catalogue/search.server";
import { toSearchQuery } from "#app/domain/search-query";
import { apiJson, handleApi } from "#app/utils/api.server";
import { services } from "#app/utils/context.server";

/** Autocomplete for the header's search box: a few best matches as JSON (the page is /search). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const s = services(context, request);
    const q = toSearchQuery(new URL(request.url).searchParams.get("q"));
    const hits = await searchMovies(s.db, q, 6, requestLocale(request));
    return apiJson(
      { query: q.text, results: hits.map((h) => ({ slug: h.slug, title: h.title, hint: h.hint })) },
      200,
      // Answers change only with the catalogue; a minute of browser caching spares repeated keystrokes.
      // Titles come in the fan's language, so a cache keys on what chose it.
      { "Cache-Control": "public, max-age=60", Vary: "Accept-Language, Cookie" },
    );
  });
}
