import { useI18n } from "#app/i18n/context";
import { rateLimitMessage } from "#app/i18n/limits.server";
import { requestI18n } from "#app/i18n/locale.server";
import { rootTitle } from "#app/i18n/meta";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { resetPassword } from "#app/auth/accounts.server";
import { startSessionAndContinue } from "#app/auth/continue.server";
import { fieldErrors, resetPasswordSchema, type FieldErrors } from "#app/auth/validation";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-policy";
import { formAction } from "#app/auth/form-action.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";

export const meta: MetaFunction = ({ matches }) => [{ title: rootTitle(matches, "reset.metaTitle") }, { name: "referrer", content: "no-referrer" }];

/** The token is in the URL: no page it leads to may learn it through the Referer header. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token: token.slice(0, 200) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };


export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const DEAD_LINK = requestI18n(request).t("reset.deadLink");
  const slot = await takeSlots(s.env, [["resetIp", clientIp(request)]]);
  if (!slot.ok) return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, slot) }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
  const parsed = resetPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, requestI18n(request).t);
    if (errors.token) return data<ActionResult>({ formError: DEAD_LINK }, { status: 410 });
    return data<ActionResult>({ fieldErrors: errors }, { status: 400 });
  }
  const result = await resetPassword(s, parsed.data.token, parsed.data.password);
  if (!result.ok) return data<ActionResult>({ formError: DEAD_LINK }, { status: 410 });
  // Every other session ended with the reset; this browser starts a fresh one.
  return startSessionAndContinue(s, request, { id: result.userId, role: result.role, verified: true }, form);
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("reset.title")}</h1>
      {token ? (
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <CsrfInput />
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="redirectTo" value="/account?password=changed" />
          <Field
            label={t("account.newPassword", { min: PASSWORD_MIN_LENGTH })}
            errors={actionData?.fieldErrors?.password}
            inputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true, minLength: PASSWORD_MIN_LENGTH }}
          />
          <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
          <SubmitButton className="w-full">{t("reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <p className="mt-4 text-slate-700">{t("reset.incomplete")}</p>
      )}
      <p className="mt-4 text-sm">
        <Link to="/forgot-password" className="underline">
          {t("reset.askAgain")}
        </Link>
      </p>
    </div>
  );
}
