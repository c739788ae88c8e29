import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, cell, DataTable, Notice, Panel, SelectField } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import type { UserRole } from "#app/domain/enums";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { accountByEmail, allCinemasExist, assignStaff, listStaff } from "#app/admin/staff.server";
import { staffAssignmentSchema } from "#app/admin/validation";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";

export const meta: MetaFunction = () => [{ title: "Staff — Marquee operator" }];

const ROLE_WORDS: Record<UserRole, string> = {
  customer: "Customer (no console)",
  admin: "Admin — everything",
  cinema_manager: "Cinema manager — their cinemas' screens, showtimes, sales, bookings, refunds",
  door: "Door — check-in at their cinemas",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  const { staff, links, cinemas: cinemaRows } = await listStaff(s.db);
  return {
    staff: staff.map((u) => ({ ...u, roleWords: ROLE_WORDS[u.role], cinemas: links.filter((l) => l.userId === u.id).map((l) => l.name) })),
    cinemas: cinemaRows,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const parsed = staffAssignmentSchema.safeParse({ email: form.get("email") ?? "", role: form.get("role") ?? "", cinemaIds: form.getAll("cinemaId").map(String) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as FieldErrors, message: null }, { status: 400 });
  const { email, role } = parsed.data;
  const user = await accountByEmail(s.db, email);
  if (!user) return data({ errors: { email: ["No account has that email: ask them to sign up first."] } as FieldErrors, message: null }, { status: 404 });
  // An admin demoting themselves could leave nobody able to assign roles.
  if (user.id === admin.id && role !== "admin") return data({ errors: null, message: "You can't change your own role." }, { status: 409 });
  const cinemaIds = role === "cinema_manager" || role === "door" ? parsed.data.cinemaIds : [];
  if (cinemaIds.length) {
    if (!(await allCinemasExist(s.db, cinemaIds))) return data({ errors: { cinemaIds: ["Choose cinemas from the list"] } as FieldErrors, message: null }, { status: 400 });
  }
  await assignStaff(s, admin, user, { email, role, cinemaIds });
  throw redirect(`/admin/staff?saved=${encodeURIComponent(email)}`);
}

export default function AdminStaff() {
  const { staff, cinemas: list } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? undefined;
  return (
    <AdminPage title="Staff">
      {params.get("saved") && <Notice tone="success">Saved {params.get("saved")}. It applies from their next page.</Notice>}
      {actionData?.message && <Notice tone="error">{actionData.message}</Notice>}
      <DataTable caption="Console accounts" head={["Account", "Role", "Cinemas"]}>
        {staff.map((u) => (
          <tr key={u.id}>
            <td className={cell}>
              {u.name} · {u.email}
            </td>
            <td className={cell}>{u.roleWords}</td>
            <td className={cell}>{u.role === "admin" ? "All" : u.cinemas.join(", ") || "—"}</td>
          </tr>
        ))}
      </DataTable>
      <Panel title="Give an account a role">
        <Form method="post" className="space-y-4" noValidate>
          <CsrfInput />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Account email" errors={errors?.email} inputProps={{ name: "email", type: "email", required: true, autoComplete: "off" }} />
            <SelectField label="Role" errors={errors?.role} selectProps={{ name: "role", required: true, defaultValue: "door" }}>
              {Object.entries(ROLE_WORDS).map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Cinemas (for cinema managers and door staff)</legend>
            <div className="mt-2 grid gap-1 sm:grid-cols-3">
              {list.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="cinemaId" value={c.id} /> {c.name}
                </label>
              ))}
            </div>
            {errors?.cinemaIds && (
              <p className="mt-1 text-sm text-red-700" role="alert">
                {errors.cinemaIds.join(" ")}
              </p>
            )}
          </fieldset>
          <SubmitButton>Save role</SubmitButton>
        </Form>
      </Panel>
    </AdminPage>
  );
}
