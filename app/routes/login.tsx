import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useSearchParams, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { login } from "#app/auth/accounts.server";
import { fieldErrors, loginSchema, type FieldErrors } from "#app/auth/validation";
import { services } from "#app/utils/context.server";
import { safeRedirectPath } from "#app/utils/http.server";
import { createSession, getSessionUser } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";
import { formConstraints } from "#app/utils/form-constraints";

export const meta: MetaFunction = () => [{ title: "Log in — Marquee" }];

/** Lets a throttled client see Retry-After on the document response too. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (await getSessionUser(request, s)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  }
  // Computed on the server: the page gets the limits, not zod.
  return { fields: formConstraints(loginSchema) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await login(s, parsed.data, request.headers.get("CF-Connecting-IP"));
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data<ActionResult>(
      { formError: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return data<ActionResult>({ formError: "Email or password is incorrect." }, { status: 401 });
  const cookie = await createSession(s, result.userId);
  throw redirect(safeRedirectPath(form.get("redirectTo"), "/account"), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const { fields } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">Log in</h1>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          label="Email"
          errors={actionData?.fieldErrors?.email}
          inputProps={{ name: "email", type: "email", autoComplete: "email", ...fields.email }}
        />
        <Field
          label="Password"
          errors={actionData?.fieldErrors?.password}
          inputProps={{ name: "password", type: "password", autoComplete: "current-password", ...fields.password }}
        />
        <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
        <SubmitButton className="w-full">Log in</SubmitButton>
      </Form>
      <p className="mt-4 text-sm">
        New to Marquee?{" "}
        <Link to={{ pathname: "/signup", search: params.toString() }} className="underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
