import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, cell, DataTable, Notice, Panel } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { blankDraft, layoutFromDraft } from "#app/domain/layout-text";
import { cinemaExists, createScreen, getCinemaForAdmin, updateCinema } from "#app/admin/catalogue.server";
import { cinemaDetailsSchema, cinemaSchema, newScreenSchema } from "#app/admin/validation";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";
import { forbidden, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { formConstraints } from "#app/utils/form-constraints";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `${data?.cinema.name ?? "Cinema"} — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const cinemaId = idParam(params.cinemaId);
  const { s, admin } = await adminLoader(request, context, "cinema", { cinema: cinemaId });
  const found = await getCinemaForAdmin(s.db, cinemaId);
  if (!found) notFound("We couldn't find that cinema.");
  return {
    cinema: { id: found.cinema.id, name: found.cinema.name, slug: found.cinema.slug, address: found.cinema.address, timeZone: found.cinema.timeZone, city: found.city.name, phone: found.cinema.phone ?? "", amenities: found.cinema.amenities.join(", "), wheelchairAccess: found.cinema.wheelchairAccess },
    canEdit: admin.role === "admin",
    screens: found.screens.map((sc) => ({ id: sc.id, name: sc.name, seatCount: sc.seatCount, categories: sc.layout.categories.map((c) => c.name).join(", ") })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const cinemaId = idParam(params.cinemaId);
  const { s, admin, form } = await adminAction(request, context, "cinema", { cinema: cinemaId });
  if (!(await cinemaExists(s.db, cinemaId))) notFound("We couldn't find that cinema.");
  if (form.get("intent") === "details") {
    const details = cinemaDetailsSchema.safeParse(Object.fromEntries(form));
    if (!details.success) return data({ form: "details", errors: fieldErrors(details.error) as FieldErrors }, { status: 400 });
    await updateCinema(s, admin, cinemaId, { action: "cinema.details", details: details.data });
    throw redirect(`/admin/cinemas/${cinemaId}?saved=details`);
  }
  if (form.get("intent") === "update") {
    // A cinema's name, address and zone are Marquee's; its screens are the manager's.
    if (admin.role !== "admin") forbidden("Only a Marquee admin can change a cinema's details.");
    const details = cinemaSchema.omit({ cityId: true }).safeParse(Object.fromEntries(form));
    if (!details.success) return data({ form: "cinema", errors: fieldErrors(details.error) as FieldErrors }, { status: 400 });
    await updateCinema(s, admin, cinemaId, { action: "cinema.update", details: details.data });
    throw redirect(`/admin/cinemas/${cinemaId}?saved=1`);
  }
  const parsed = newScreenSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ form: "screen", errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const built = layoutFromDraft(blankDraft(parsed.data.rows, parsed.data.columns));
  if (!built.ok) return data({ form: "screen", errors: { columns: built.errors } as FieldErrors }, { status: 400 });
  const id = await createScreen(s, admin, cinemaId, parsed.data.name, built.layout);
  throw redirect(`/admin/screens/${id}`);
}

const screenFields = formConstraints(newScreenSchema);
const cinemaFields = formConstraints(cinemaSchema);

export default function AdminCinema() {
  const { cinema, canEdit, screens: rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const screenErrors = actionData?.form === "screen" ? actionData.errors : undefined;
  const cinemaErrors = actionData?.form === "cinema" ? actionData.errors : undefined;
  const detailErrors = actionData?.form === "details" ? actionData.errors : undefined;
  const [params] = useSearchParams();
  return (
    <AdminPage
      title={cinema.name}
      actions={
        <Link to={`/cinemas/${cinema.slug}`} className="text-sm underline">
          Customer page
        </Link>
      }
    >
      <p className="text-slate-700">
        {cinema.address}, {cinema.city} · times shown in {cinema.timeZone}
      </p>
      <DataTable caption="Screens" head={["Screen", "Seats", "Categories", ""]}>
        {rows.map((sc) => (
          <tr key={sc.id}>
            <td className={`${cell} font-semibold`}>{sc.name}</td>
            <td className={cell}>{sc.seatCount}</td>
            <td className={cell}>{sc.categories}</td>
            <td className={`${cell} text-right`}>
              <Link to={`/admin/screens/${sc.id}`} className="text-brand-700 underline">
                Seat layout<span className="sr-only"> of {sc.name}</span>
              </Link>
              {" · "}
              <Link to={`/admin/showtimes/new?screen=${sc.id}`} className="text-brand-700 underline">
                Schedule<span className="sr-only"> a show on {sc.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
      <Panel title="Add a screen">
        <Form method="post" className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" noValidate>
          <CsrfInput />
          <Field label="Screen name" errors={screenErrors?.name} inputProps={{ name: "name", defaultValue: `Screen ${rows.length + 1}`, ...screenFields.name }} />
          <Field label="Rows" errors={screenErrors?.rows} inputProps={{ name: "rows", type: "number", defaultValue: 8, ...screenFields.rows }} />
          <Field label="Seats per row" errors={screenErrors?.columns} inputProps={{ name: "columns", type: "number", defaultValue: 12, ...screenFields.columns }} />
          <SubmitButton>Create and edit layout</SubmitButton>
        </Form>
      </Panel>
      {canEdit && (
      <Panel title="Cinema details">
        {params.get("saved") === "1" && (
          <div className="mb-3">
            <Notice tone="success">Saved.</Notice>
          </div>
        )}
        <Form method="post" className="grid gap-4 sm:grid-cols-3 sm:items-end" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="update" />
          <Field label="Cinema name" errors={cinemaErrors?.name} inputProps={{ name: "name", defaultValue: cinema.name, ...cinemaFields.name }} />
          <Field label="Address" errors={cinemaErrors?.address} inputProps={{ name: "address", defaultValue: cinema.address, ...cinemaFields.address }} />
          <Field label="Time zone (IANA)" errors={cinemaErrors?.timeZone} inputProps={{ name: "timeZone", defaultValue: cinema.timeZone, ...cinemaFields.timeZone }} />
          <p className="text-sm text-slate-600 sm:col-span-2">Showtimes are stored as instants: changing the time zone changes the local times customers see.</p>
          <SubmitButton>Save details</SubmitButton>
        </Form>
      </Panel>
      )}
      <Panel title="What fans see" id="details">
        {params.get("saved") === "details" && (
          <div className="mb-3">
            <Notice tone="success">Saved: the cinema page shows these now.</Notice>
          </div>
        )}
        <Form method="post" className="grid gap-4 sm:grid-cols-2 sm:items-end" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="details" />
          <Field label="Phone" errors={detailErrors?.phone} inputProps={{ name: "phone", type: "tel", defaultValue: cinema.phone, placeholder: "+91 22 2202 1017" }} />
          <Field label="Amenities (comma-separated)" errors={detailErrors?.amenities} inputProps={{ name: "amenities", defaultValue: cinema.amenities, placeholder: "Dolby Atmos, Recliners, Parking" }} />
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" name="wheelchairAccess" defaultChecked={cinema.wheelchairAccess} /> Step-free (wheelchair) access to the screens
          </label>
          <SubmitButton>Save what fans see</SubmitButton>
        </Form>
      </Panel>
    </AdminPage>
  );
}
