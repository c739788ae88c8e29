import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { AdminPage, cell, DataTable, StatusBadge } from "#app/admin/ui";
import { formatRuntime } from "#app/domain/time";
import { listMoviesForAdmin } from "#app/admin/catalogue.server";
import { adminLoader } from "#app/admin/guard.server";

export const meta: MetaFunction = () => [{ title: "Movies — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  const rows = await listMoviesForAdmin(s.db);
  return {
    movies: rows.map((m) => ({ id: m.id, title: m.title, slug: m.slug, runtime: formatRuntime(m.runtimeMinutes), certificate: m.certificate, languages: m.languages.join(", "), releaseDate: m.releaseDate, status: m.status })),
  };
}

export default function AdminMovies() {
  const { movies } = useLoaderData<typeof loader>();
  return (
    <AdminPage
      title="Movies"
      actions={
        <Link to="/admin/movies/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Add a movie
        </Link>
      }
    >
      <DataTable caption="Movies" head={["Title", "Runtime", "Certificate", "Languages", "Release", "Status"]}>
        {movies.map((m) => (
          <tr key={m.id}>
            <td className={cell}>
              <Link to={`/admin/movies/${m.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {m.title}
              </Link>
            </td>
            <td className={cell}>{m.runtime}</td>
            <td className={cell}>{m.certificate}</td>
            <td className={cell}>{m.languages}</td>
            <td className={`${cell} whitespace-nowrap`}>{m.releaseDate}</td>
            <td className={cell}>
              <StatusBadge status={m.status} />
            </td>
          </tr>
        ))}
      </DataTable>
    </AdminPage>
  );
}
