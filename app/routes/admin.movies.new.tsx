import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { useActionData } from "react-router";
import { MovieForm, type MovieFormErrors } from "#app/admin/movie-form";
import { AdminPage, Panel } from "#app/admin/ui";
import { createMovie } from "#app/admin/catalogue.server";
import { movieSchema } from "#app/admin/validation";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { fieldErrors } from "#app/auth/validation";

export const meta: MetaFunction = () => [{ title: "Add a movie — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await adminLoader(request, context, "admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const parsed = movieSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as MovieFormErrors }, { status: 400 });
  const id = await createMovie(s, admin, parsed.data);
  throw redirect(`/admin/movies/${id}?saved=1`);
}

export default function NewMovie() {
  const actionData = useActionData<typeof action>();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <AdminPage title="Add a movie">
      <Panel>
        <MovieForm
          submitLabel="Add movie"
          errors={actionData?.errors}
          values={{ title: "", titleHi: "", titleKn: "", synopsis: "", runtimeMinutes: 120, certificate: "UA", languages: "Hindi, English", genres: "Drama", releaseDate: today, posterHue: 200, credits: "", trailerUrl: "", ratingTenths: "" }}
        />
      </Panel>
    </AdminPage>
  );
}
