import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, Button, Notice, Panel, SelectField } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field, SubmitButton } from "#app/components/forms";
import { addShowtimeOption, removeShowtimeOption, showtimeOptionLists } from "#app/admin/options.server";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { showtimeOptionSchema } from "#app/admin/validation";
import { fieldErrors, type FieldErrors } from "#app/auth/validation";
import { badRequest } from "#app/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Languages & formats — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  return showtimeOptionLists(s.db);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const intent = form.get("intent");
  if (intent !== "add" && intent !== "remove") badRequest("Unknown action.");
  const parsed = showtimeOptionSchema.safeParse({ kind: form.get("kind") ?? "", value: form.get("value") ?? "" });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const { kind, value } = parsed.data;
  if (intent === "add") {
    if (!(await addShowtimeOption(s, admin, kind, value))) return data({ errors: { value: [`${value} is already on the list`] } as FieldErrors }, { status: 409 });
    throw redirect(`/admin/options?added=${encodeURIComponent(value)}`);
  }
  // Removing a choice affects new showtimes only; scheduled ones keep the language or format they have.
  if (!(await removeShowtimeOption(s, admin, kind, value))) return data({ errors: { value: [`${value} is not on the list`] } as FieldErrors }, { status: 404 });
  throw redirect(`/admin/options?removed=${encodeURIComponent(value)}`);
}

function OptionList({ kind, title, values }: { kind: "language" | "format"; title: string; values: string[] }) {
  return (
    <Panel title={title}>
      <ul className="divide-y divide-slate-100">
        {values.map((v) => (
          <li key={v} className="flex items-center justify-between py-1">
            <span>{v}</span>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="value" value={v} />
              <Button name="intent" value="remove" tone="secondary">
                Remove<span className="sr-only"> {v}</span>
              </Button>
            </Form>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

export default function AdminOptions() {
  const { languages, formats } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <AdminPage title="Languages & formats">
      <p className="text-slate-700">New showtimes choose their language and format from these lists. Removing one leaves scheduled shows as they are.</p>
      {params.get("added") && <Notice tone="success">Added {params.get("added")}.</Notice>}
      {params.get("removed") && <Notice tone="success">Removed {params.get("removed")}.</Notice>}
      <Panel title="Add to a list">
        <Form method="post" className="flex flex-wrap items-end gap-3" noValidate>
          <CsrfInput />
          <SelectField label="List" errors={actionData?.errors?.kind} selectProps={{ name: "kind", defaultValue: "language" }}>
            <option value="language">Languages</option>
            <option value="format">Formats</option>
          </SelectField>
          <Field label="Name" errors={actionData?.errors?.value} inputProps={{ name: "value", required: true, maxLength: 30, placeholder: "e.g. Punjabi or Dolby Atmos" }} />
          <input type="hidden" name="intent" value="add" />
          <SubmitButton>Add</SubmitButton>
        </Form>
      </Panel>
      <div className="grid gap-6 md:grid-cols-2">
        <OptionList kind="language" title="Languages" values={languages} />
        <OptionList kind="format" title="Formats" values={formats} />
      </div>
    </AdminPage>
  );
}
