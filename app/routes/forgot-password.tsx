import { useI18n } from "#app/i18n/context";
import { rateLimitMessage } from "#app/i18n/limits.server";
import { requestI18n } from "#app/i18n/locale.server";
import { rootTitle } from "#app/i18n/meta";
import type { ActionFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useActionData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { requestPasswordReset } from "#app/auth/accounts.server";
import { TOKEN_RULES } from "#app/auth/account-tokens.server";
import { fieldErrors, forgotPasswordSchema, type FieldErrors } from "#app/auth/validation";
import { formAction } from "#app/auth/form-action.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";

export const meta: MetaFunction = ({ matches }) => [{ title: rootTitle(matches, "forgot.metaTitle") }];

/** A throttled client sees Retry-After on the document response too. */
export { retryAfterHeaders as headers } from "#app/utils/http.server";

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; sent?: string };


/** Never throttled by failed logins (a stranger's guesses must not stop the owner resetting), only by its own limits. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  const slot = await takeSlots(s.env, [
    ["resetIp", clientIp(request)],
    ["resetAccount", parsed.data.email],
  ]);
  if (!slot.ok) return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, slot) }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
  await requestPasswordReset(s, parsed.data.email);
  return data<ActionResult>({ sent: requestI18n(request).t("forgot.sent", { minutes: TOKEN_RULES.password_reset.ttlMs / 60_000 }) });
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("forgot.title")}</h1>
      <p className="mt-2 text-slate-700">{t("forgot.intro")}</p>
      {actionData?.sent ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {actionData.sent}
        </p>
      ) : (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <CsrfInput />
          <Field
            label={t("login.email")}
            errors={actionData?.fieldErrors?.email}
            inputProps={{ name: "email", type: "email", autoComplete: "email", required: true }}
          />
          <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
          <SubmitButton className="w-full">{t("forgot.submit")}</SubmitButton>
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
