import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useSearchParams, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { signup } from "#app/auth/accounts.server";
import { fieldErrors, signupSchema, type FieldErrors } from "#app/auth/validation";
import { services } from "#app/utils/context.server";
import { safeRedirectPath } from "#app/utils/http.server";
import { createSession, getSessionUser } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";
import { formConstraints } from "#app/utils/form-constraints";

export const meta: MetaFunction = () => [{ title: "Create your account — Marquee" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (await getSessionUser(request, s)) throw redirect("/account");
  // Computed on the server: the page gets the limits, not zod.
  return { fields: formConstraints(signupSchema) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const parsed = signupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await signup(s, parsed.data);
  if (!result.ok) {
    return data<ActionResult>(
      { fieldErrors: { email: ["We couldn't create an account with this email. If it's yours, log in instead."] } },
      { status: 409 },
    );
  }
  const cookie = await createSession(s, result.userId);
  throw redirect(safeRedirectPath(form.get("redirectTo"), "/account"), { headers: { "Set-Cookie": cookie } });
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const { fields } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">Create your account</h1>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label="Name" errors={actionData?.fieldErrors?.name} inputProps={{ name: "name", autoComplete: "name", ...fields.name }} />
        <Field
          label="Email"
          errors={actionData?.fieldErrors?.email}
          inputProps={{ name: "email", type: "email", autoComplete: "email", ...fields.email }}
        />
        <Field
          label="Mobile (optional: the box office can find your tickets by it)"
          errors={actionData?.fieldErrors?.phone}
          inputProps={{ name: "phone", type: "tel", autoComplete: "tel", inputMode: "tel", ...fields.phone }}
        />
        <Field
          label="Password (8+ characters)"
          errors={actionData?.fieldErrors?.password}
          inputProps={{ name: "password", type: "password", autoComplete: "new-password", ...fields.password }}
        />
        <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
        <SubmitButton className="w-full">Sign up</SubmitButton>
      </Form>
      <p className="mt-4 text-sm">
        Already have an account?{" "}
        <Link to={{ pathname: "/login", search: params.toString() }} className="underline">
          Log in
        </Link>
      </p>
    </div>
  );
}
