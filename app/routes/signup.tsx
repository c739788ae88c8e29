import { rateLimitMessage } from "#app/i18n/limits.server";
import { requestI18n, requestLocale } from "#app/i18n/locale.server";
import { useI18n } from "#app/i18n/context";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ContinueFields, useContinueSearch } from "#app/auth/continue-fields";
import { ErrorSummary, Field, SubmitButton } from "#app/components/forms";
import { signup } from "#app/auth/accounts.server";
import { continueQuery } from "#app/auth/continue.server";
import { fieldErrors, signupSchema, type FieldErrors } from "#app/auth/validation";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-policy";
import { services } from "#app/utils/context.server";
import { safeRedirectPath } from "#app/utils/http.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";
import { getSessionUser } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";
import { formConstraints } from "#app/utils/form-constraints";
import { BOT_FIELD, botCheckWidget, checkHuman, formText } from "#app/auth/bot-check.server";
import { BotCheck } from "#app/auth/bot-check-widget";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [{ title: loaderData?.metaTitle ?? "Marquee" }];

/** A throttled client sees Retry-After on the document response too. */
export { retryAfterHeaders as headers } from "#app/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (await getSessionUser(request, s)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  }
  // Computed on the server: the page gets the limits, not zod.
  return { metaTitle: requestI18n(request).t("signup.metaTitle"), fields: formConstraints(signupSchema), botCheck: await botCheckWidget(s) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const slot = await takeSlots(s.env, [["signupIp", clientIp(request)]]);
  if (!slot.ok) {
    return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, slot) }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
  }
  const human = await checkHuman(s, request, formText(form, BOT_FIELD));
  if (!human.ok) return data<ActionResult>({ formError: requestI18n(request).t("botCheck.failed", { retry: human.retry ? "yes" : "no" }) }, { status: 400 });
  const parsed = signupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  // New and registered addresses get the same answer: "enter the code we emailed" (see signup()).
  await signup(s, parsed.data, requestLocale(request));
  throw redirect(`/verify-email?${continueQuery(form, { email: parsed.data.email })}`);
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const search = useContinueSearch();
  const { fields, botCheck } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("signup.title")}</h1>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <CsrfInput />
        <ContinueFields />
        <ErrorSummary fieldErrors={actionData?.fieldErrors} formError={actionData?.formError} labels={{ name: t("signup.name"), email: t("login.email"), phone: t("signup.mobile"), password: t("login.password") }} />
        <Field label={t("signup.name")} errors={actionData?.fieldErrors?.name} inputProps={{ name: "name", autoComplete: "name", ...fields.name }} />
        <Field
          label={t("signup.email")}
          errors={actionData?.fieldErrors?.email}
          inputProps={{ name: "email", type: "email", autoComplete: "email", ...fields.email }}
        />
        <Field
          label={t("signup.phone")}
          errors={actionData?.fieldErrors?.phone}
          inputProps={{ name: "phone", type: "tel", autoComplete: "tel", inputMode: "tel", ...fields.phone }}
        />
        <Field
          label={t("signup.password", { min: PASSWORD_MIN_LENGTH })}
          errors={actionData?.fieldErrors?.password}
          inputProps={{ name: "password", type: "password", autoComplete: "new-password", ...fields.password }}
        />
        <BotCheck config={botCheck} />
        <SubmitButton className="w-full">{t("signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-4 text-sm">
        {t("signup.haveAccount")}{" "}
        <Link to={{ pathname: "/login", search }} className="underline">
          {t("login.submit")}
        </Link>
      </p>
    </div>
  );
}
