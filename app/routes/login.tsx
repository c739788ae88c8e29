import type { Translate } from "#app/i18n/format";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useSearchParams, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ContinueFields, useContinueSearch } from "#app/auth/continue-fields";
import { ErrorSummary, Field, SubmitButton } from "#app/components/forms";
import { login, sendVerificationCode } from "#app/auth/accounts.server";
import { continueQuery, startSessionAndContinue } from "#app/auth/continue.server";
import { fieldErrors, loginSchema, type FieldErrors } from "#app/auth/validation";
import { services } from "#app/utils/context.server";
import { safeRedirectPath } from "#app/utils/http.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";
import { getSessionUser } from "#app/auth/session.server";
import { formAction } from "#app/auth/form-action.server";
import { formConstraints } from "#app/utils/form-constraints";
import { homeOf } from "#app/domain/enums";
import { BOT_FIELD, botCheckWidget, checkHuman, formText } from "#app/auth/bot-check.server";
import { BotCheck } from "#app/auth/bot-check-widget";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [{ title: loaderData?.metaTitle ?? "Marquee" }];

/** A throttled client sees Retry-After on the document response too. */
export { retryAfterHeaders as headers } from "#app/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await getSessionUser(request, s);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), homeOf(user.role)));
  // Computed on the server: the page gets the limits, not zod.
  return { metaTitle: requestI18n(request).t("login.metaTitle"), fields: formConstraints(loginSchema), botCheck: await botCheckWidget(s) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

/** `failed`: wrong passwords (ADRs 016, 027); otherwise the address's allowance of logins of any kind. */
function tooMany(t: Translate, retryAfterSeconds: number, failed: boolean, accountWide = false) {
  const wait = retryAfterSeconds < 60 ? t("login.wait", { unit: "second", n: retryAfterSeconds }) : t("login.wait", { unit: "minute", n: Math.ceil(retryAfterSeconds / 60) });
  const formError = t("login.tooMany", { kind: accountWide ? "account" : failed ? "failed" : "address", wait });
  return data<ActionResult>(
    { formError },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const ip = clientIp(request);
  const slot = await takeSlots(s.env, [["loginIp", ip]]);
  if (!slot.ok) return tooMany(requestI18n(request).t, slot.retryAfterSeconds, false);
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  const result = await login(s, parsed.data, ip, () => checkHuman(s, request, formText(form, BOT_FIELD)));
  if (result.ok) return startSessionAndContinue(s, request, { id: result.userId, role: result.role, verified: true }, form);
  if (result.reason === "throttled") return tooMany(requestI18n(request).t, result.retryAfterSeconds, true, result.accountWide);
  if (result.reason === "bot_check") return data<ActionResult>({ formError: requestI18n(request).t("login.botCheck", { retry: result.retry ? "yes" : "no" }) }, { status: 403 });
  if (result.reason === "unverified") {
    // The right password for an address never confirmed: a fresh code (unless one was just sent).
    await sendVerificationCode(s, result.userId);
    throw redirect(`/verify-email?${continueQuery(form, { email: parsed.data.email })}`);
  }
  return data<ActionResult>({ formError: requestI18n(request).t("login.wrong") }, { status: 401 });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const { fields, botCheck } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const search = useContinueSearch();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      {params.get("hold") && (
        <p role="status" className="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
          {t("login.holdNote")}
        </p>
      )}
      {params.get("reset") === "done" && (
        <p role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("login.resetDone")}
        </p>
      )}
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <CsrfInput />
        <ErrorSummary fieldErrors={actionData?.fieldErrors} formError={actionData?.formError} labels={{ email: t("login.email"), password: t("login.password") }} />
        <ContinueFields />
        <Field
          label={t("login.email")}
          errors={actionData?.fieldErrors?.email}
          inputProps={{ name: "email", type: "email", autoComplete: "email", ...fields.email }}
        />
        <Field
          label={t("login.password")}
          errors={actionData?.fieldErrors?.password}
          inputProps={{ name: "password", type: "password", autoComplete: "current-password", ...fields.password }}
        />
        <BotCheck config={botCheck} />
        <SubmitButton className="w-full">{t("login.submit")}</SubmitButton>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/forgot-password" className="underline">
          {t("login.forgot")}
        </Link>
        {" · "}
        <Link to="/sign-in-link" className="underline">
          {t("login.link")}
        </Link>
      </p>
      <p className="mt-2 text-sm">
        {t("login.new")}{" "}
        <Link to={{ pathname: "/signup", search }} className="underline">
          {t("login.create")}
        </Link>
      </p>
    </div>
  );
}
