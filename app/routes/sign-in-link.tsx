import { useI18n } from "#app/i18n/context";
import { rateLimitMessage } from "#app/i18n/limits.server";
import { requestI18n } from "#app/i18n/locale.server";
import { rootTitle } from "#app/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { requestSignInLink, SIGN_IN_LINK_MINUTES, spendSignInLink } from "#app/auth/sign-in-link.server";
import { startSessionAndContinue } from "#app/auth/continue.server";
import { fieldErrors, forgotPasswordSchema, type FieldErrors } from "#app/auth/validation";
import { formAction } from "#app/auth/form-action.server";

export const meta: MetaFunction = ({ matches }) => [{ title: rootTitle(matches, "signInLink.metaTitle") }];

export { retryAfterHeaders as headers } from "#app/utils/http.server";

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; sent?: string };

/** GET never logs in (mail scanners follow links): the page holds the token in a form the person submits. */
export function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const { t } = requestI18n(request);
  if (form.get("intent") === "use") {
    const result = await spendSignInLink(s, String(form.get("token") ?? ""));
    if (!result.ok) return data<ActionResult>({ formError: t("signInLink.spent") }, { status: 410 });
    return startSessionAndContinue(s, request, { id: result.userId, role: result.role, verified: true }, form);
  }
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  const sent = await requestSignInLink(s, request, parsed.data.email);
  if (!sent.ok) return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, sent) }, { status: 429, headers: { "Retry-After": String(sent.retryAfterSeconds) } });
  return data<ActionResult>({ sent: t("signInLink.sent", { minutes: SIGN_IN_LINK_MINUTES }) });
}

export default function SignInLinkPage() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("signInLink.title")}</h1>
      {token && !actionData?.formError ? (
        <Form method="post" className="mt-6 space-y-4">
          <CsrfInput />
          <input type="hidden" name="intent" value="use" />
          <input type="hidden" name="token" value={token} />
          <p className="text-slate-700">{t("signInLink.useIntro")}</p>
          <SubmitButton className="w-full">{t("login.submit")}</SubmitButton>
        </Form>
      ) : actionData?.sent ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {actionData.sent}
        </p>
      ) : (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <CsrfInput />
          <p className="text-slate-700">{t("signInLink.askIntro")}</p>
          <Field label={t("login.email")} errors={actionData?.fieldErrors?.email} inputProps={{ name: "email", type: "email", autoComplete: "email", required: true }} />
          <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
          <SubmitButton className="w-full">{t("signInLink.submit")}</SubmitButton>
        </Form>
      )}
      <p className="mt-4 text-sm">
        <Link to="/login" className="underline">
          {t("forgot.back")}
        </Link>
      </p>
    </div>
  );
}
