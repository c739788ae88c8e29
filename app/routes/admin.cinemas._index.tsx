import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { AdminPage, cell, DataTable, Panel, SelectField } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { cityExists, createCinema, createCity, listCinemasForAdmin, listCities } from "#app/admin/catalogue.server";
import { cinemaSchema, citySchema } from "#app/admin/validation";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";
import { badRequest } from "#app/utils/http.server";
import { formConstraints } from "#app/utils/form-constraints";

export const meta: MetaFunction = () => [{ title: "Cinemas — Marquee operator" }];

const COMMON_ZONES = ["Asia/Kolkata", "Asia/Dubai", "Asia/Singapore", "Asia/Kathmandu", "Asia/Colombo", "Europe/London", "America/New_York", "UTC"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  const [rows, cityRows] = await Promise.all([listCinemasForAdmin(s.db, admin.scope), listCities(s.db)]);
  return {
    cinemas: rows.map((r) => ({ id: r.cinema.id, name: r.cinema.name, address: r.cinema.address, city: r.city.name, timeZone: r.cinema.timeZone, screens: r.screens })),
    cities: cityRows.map((c) => ({ id: c.id, name: c.name })),
    // Only an admin may add cinemas and cities (the action's gate): nobody else is shown forms that end in a 403.
    canAdd: admin.role === "admin",
  };
}

type ActionResult = { form: "cinema" | "city"; errors: FieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const intent = form.get("intent");
  if (intent === "city") {
    const parsed = citySchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data<ActionResult>({ form: "city", errors: fieldErrors(parsed.error) }, { status: 400 });
    await createCity(s, admin, parsed.data);
    throw redirect("/admin/cinemas");
  }
  if (intent !== "cinema") badRequest("Unknown action.");
  const parsed = cinemaSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ form: "cinema", errors: fieldErrors(parsed.error) }, { status: 400 });
  if (!(await cityExists(s.db, parsed.data.cityId))) return data<ActionResult>({ form: "cinema", errors: { cityId: ["Choose a city from the list"] } }, { status: 400 });
  const id = await createCinema(s, admin, parsed.data);
  throw redirect(`/admin/cinemas/${id}`);
}

const cinemaFields = formConstraints(cinemaSchema);
const cityFields = formConstraints(citySchema);

export default function AdminCinemas() {
  const { cinemas: rows, cities: cityList, canAdd } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const cinemaErrors = actionData?.form === "cinema" ? actionData.errors : undefined;
  const cityErrors = actionData?.form === "city" ? actionData.errors : undefined;
  return (
    <AdminPage title="Cinemas & screens">
      <DataTable caption="Cinemas" head={["Cinema", "City", "Time zone", "Screens"]}>
        {rows.map((c) => (
          <tr key={c.id}>
            <td className={cell}>
              <Link to={`/admin/cinemas/${c.id}`} className="font-semibold text-brand-700 hover:underline">
                {c.name}
              </Link>
              <span className="block text-xs text-slate-600">{c.address}</span>
            </td>
            <td className={cell}>{c.city}</td>
            <td className={cell}>{c.timeZone}</td>
            <td className={cell}>{c.screens}</td>
          </tr>
        ))}
      </DataTable>
      {canAdd && (
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Add a cinema">
          <Form method="post" className="space-y-4" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="cinema" />
            <Field label="Cinema name" errors={cinemaErrors?.name} inputProps={{ name: "name", ...cinemaFields.name }} />
            <Field label="Address" errors={cinemaErrors?.address} inputProps={{ name: "address", ...cinemaFields.address }} />
            <SelectField label="City" errors={cinemaErrors?.cityId} selectProps={{ name: "cityId", ...cinemaFields.cityId }}>
              {cityList.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <Field label="Time zone (IANA)" errors={cinemaErrors?.timeZone} inputProps={{ name: "timeZone", defaultValue: "Asia/Kolkata", list: "time-zones", ...cinemaFields.timeZone }} />
            <datalist id="time-zones">
              {COMMON_ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <SubmitButton>Add cinema</SubmitButton>
          </Form>
        </Panel>
        <Panel title="Add a city">
          <Form method="post" className="space-y-4" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="city" />
            <Field label="City name" errors={cityErrors?.name} inputProps={{ name: "name", ...cityFields.name }} />
            <Field label="State" errors={cityErrors?.state} inputProps={{ name: "state", ...cityFields.state }} />
            <SubmitButton>Add city</SubmitButton>
          </Form>
        </Panel>
      </div>
      )}
    </AdminPage>
  );
}
