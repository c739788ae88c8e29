import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { MovieForm, type MovieFormErrors } from "#app/admin/movie-form";
import { AdminPage, Button, Notice, Panel, StatusBadge } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { movieSchema } from "#app/admin/validation";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { fieldErrors } from "#app/auth/validation";
import { removePoster, uploadPoster } from "#app/admin/posters.server";
import { getMovieForAdmin, movieExists, moviePosterKey, setMovieStatus, updateMovie } from "#app/admin/catalogue.server";
import { Poster } from "#app/catalogue/poster";
import { formatCredits } from "#app/domain/credits";
import { POSTER_MAX_BYTES, POSTER_MIN } from "#app/domain/image-sniff";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `${data?.movie.title ?? "Movie"} — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  const movie = await getMovieForAdmin(s.db, idParam(params.movieId));
  if (!movie) notFound("We couldn't find that movie.");
  return { movie };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.movieId);
  // Poster uploads are multipart and size-checked before the body is read (app/admin/posters.server.ts).
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const uploaded = await uploadPoster(request, context, id);
    if (!uploaded.ok) return data({ posterError: uploaded.message }, { status: uploaded.status });
    throw redirect(`/admin/movies/${id}?saved=poster`);
  }
  const { s, admin, form } = await adminAction(request, context, "admin");
  if (!(await movieExists(s.db, id))) notFound("We couldn't find that movie.");
  const intent = form.get("intent");
  if (intent === "archive" || intent === "restore") {
    await setMovieStatus(s, admin, id, intent);
    throw redirect(`/admin/movies/${id}?saved=${intent}`);
  }
  if (intent === "remove-poster") {
    await removePoster(s, admin, id, await moviePosterKey(s.db, id));
    throw redirect(`/admin/movies/${id}?saved=poster-removed`);
  }
  if (intent !== "save") badRequest("Unknown action.");
  const parsed = movieSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as MovieFormErrors }, { status: 400 });
  // The slug stays: it is in customers' links and bookmarks.
  await updateMovie(s, admin, id, parsed.data);
  throw redirect(`/admin/movies/${id}?saved=1`);
}

export default function EditMovie() {
  const { movie } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const posterError = actionData && "posterError" in actionData ? actionData.posterError : undefined;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const archived = movie.status === "ARCHIVED";
  return (
    <AdminPage
      title={movie.title}
      actions={
        <p className="flex items-center gap-2 text-sm">
          <StatusBadge status={movie.status} />
          <Link to={`/movies/${movie.slug}`} className="underline">
            Customer page
          </Link>
        </p>
      }
    >
      {saved && <Notice tone="success">{saved === "archive" ? "Archived: the movie no longer appears to customers." : saved === "restore" ? "Restored: the movie is back in the catalogue." : saved === "poster" ? "Poster uploaded: customers see it now." : saved === "poster-removed" ? "Poster removed: customers see the generated poster." : "Saved."}</Notice>}
      <Panel>
        <MovieForm
          key={JSON.stringify(movie)}
          submitLabel="Save changes"
          errors={actionData && "errors" in actionData ? actionData.errors : undefined}
          values={{
            ...movie,
            titleHi: movie.titles.hi ?? "",
            titleKn: movie.titles.kn ?? "",
            languages: movie.languages.join(", "),
            genres: movie.genres.join(", "),
            credits: formatCredits(movie.credits),
            trailerUrl: movie.trailerUrl ?? "",
            ratingTenths: movie.ratingTenths === null ? "" : (movie.ratingTenths / 10).toFixed(1),
          }}
        />
      </Panel>
      <PosterPanel slug={movie.slug} title={movie.title} posterKey={movie.posterKey} error={posterError} />
      <Panel title={archived ? "Restore" : "Archive"}>
        <p className="mb-3 text-sm text-slate-700">
          {archived ? "Put the movie back in the catalogue." : "Archived movies disappear from the customer site. Existing bookings and showtimes are kept."}
        </p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value={archived ? "restore" : "archive"} />
          <Button tone={archived ? "secondary" : "danger"}>{archived ? "Restore movie" : "Archive movie"}</Button>
        </Form>
      </Panel>
    </AdminPage>
  );
}

function PosterPanel({ slug, title, posterKey, error }: { slug: string; title: string; posterKey: string | null; error?: string }) {
  return (
    <Panel title="Poster" id="poster">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Poster slug={slug} title={title} version={posterKey} sizes="128px" className="w-32" />
        <div className="space-y-3">
          {error && <Notice tone="error">{error}</Notice>}
          <p className="text-sm text-slate-700">
            {posterKey ? "An uploaded poster is showing." : "Customers see the generated poster."} Upload a PNG, JPEG or WebP, portrait, at least {POSTER_MIN.width}×{POSTER_MIN.height} pixels and at most {POSTER_MAX_BYTES / 1048576} MB.
          </p>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <label className="text-sm font-medium">
              Poster image
              <input name="poster" type="file" accept="image/png,image/jpeg,image/webp" required className="mt-1 block text-sm" />
            </label>
            <Button>Upload poster</Button>
          </Form>
          {posterKey && (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="remove-poster" />
              <Button tone="secondary">Use the generated poster</Button>
            </Form>
          )}
        </div>
      </div>
    </Panel>
  );
}
