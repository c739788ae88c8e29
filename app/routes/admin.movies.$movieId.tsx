import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { MovieForm, type MovieFormErrors } from "#app/admin/movie-form";
import { AdminPage, Button, Notice, Panel, StatusBadge } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { movies } from "#app/db/schema.server";
import { eq } from "drizzle-orm";
import { movieSchema } from "#app/admin/validation";
import { adminAction, adminLoader, auditEntry } from "#app/admin/guard.server";
import { fieldErrors } from "#app/auth/validation";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.movie.title ?? "Movie"} — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  const movie = await s.db.select().from(movies).where(eq(movies.id, idParam(params.movieId))).get();
  if (!movie) notFound("We couldn't find that movie.");
  return { movie };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const id = idParam(params.movieId);
  const movie = await s.db.select({ id: movies.id }).from(movies).where(eq(movies.id, id)).get();
  if (!movie) notFound("We couldn't find that movie.");
  const intent = form.get("intent");
  if (intent === "archive" || intent === "restore") {
    const status = intent === "archive" ? "ARCHIVED" : "ACTIVE";
    await s.db.batch([s.db.update(movies).set({ status }).where(eq(movies.id, id)), auditEntry(s, admin, `movie.${intent}`, id)]);
    throw redirect(`/admin/movies/${id}?saved=${intent}`);
  }
  if (intent !== "save") badRequest("Unknown action.");
  const parsed = movieSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as MovieFormErrors }, { status: 400 });
  // The slug stays: it is in customers' links and bookmarks.
  await s.db.batch([s.db.update(movies).set(parsed.data).where(eq(movies.id, id)), auditEntry(s, admin, "movie.update", id, { title: parsed.data.title })]);
  throw redirect(`/admin/movies/${id}?saved=1`);
}

export default function EditMovie() {
  const { movie } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
      {saved && <Notice tone="success">{saved === "archive" ? "Archived: the movie no longer appears to customers." : saved === "restore" ? "Restored: the movie is back in the catalogue." : "Saved."}</Notice>}
      <Panel>
        <MovieForm
          key={JSON.stringify(movie)}
          submitLabel="Save changes"
          errors={actionData?.errors}
          values={{ ...movie, languages: movie.languages.join(", "), genres: movie.genres.join(", ") }}
        />
      </Panel>
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
