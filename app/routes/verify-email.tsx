import { useI18n } from "#app/i18n/context";
import { rateLimitMessage } from "#app/i18n/limits.server";
import { requestI18n } from "#app/i18n/locale.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { ContinueFields } from "#app/auth/continue-fields";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { resendVerificationCode, verifyEmail } from "#app/auth/accounts.server";
import { TOKEN_RULES } from "#app/auth/account-tokens.server";
import { startSessionAndContinue } from "#app/auth/continue.server";
import { emailSchema, fieldErrors, verifyEmailSchema, type FieldErrors } from "#app/auth/validation";
import { services } from "#app/utils/context.server";
import { formAction } from "#app/auth/form-action.server";
import { clientIp, takeSlots } from "#app/utils/rate-limit.server";
import { getSessionUser } from "#app/auth/session.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [{ title: loaderData?.metaTitle ?? "Marquee" }];

/** A throttled client sees Retry-After on the document response too. */
export { retryAfterHeaders as headers } from "#app/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (await getSessionUser(request, s)) throw redirect("/account");
  const email = emailSchema.safeParse(new URL(request.url).searchParams.get("email") ?? "");
  if (!email.success) throw redirect("/signup");
  return { metaTitle: requestI18n(request).t("verify.metaTitle"), email: email.data, validMinutes: TOKEN_RULES.verify_email.ttlMs / 60_000 };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; notice?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form } = await formAction({ request, context });
  const { t } = requestI18n(request);
  const ip = clientIp(request);
  if (form.get("intent") === "resend") {
    const slot = await takeSlots(s.env, [["signupIp", ip]]);
    if (!slot.ok) return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, slot) }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
    const email = emailSchema.safeParse(form.get("email") ?? "");
    if (!email.success) return data<ActionResult>({ fieldErrors: { email: [t("verify.badEmail")] } }, { status: 400 });
    // The same answer whether or not there is such an account, or it is already verified.
    await resendVerificationCode(s, email.data);
    return data<ActionResult>({ notice: t("verify.resent") });
  }
  const slot = await takeSlots(s.env, [["loginIp", ip]]);
  if (!slot.ok) return data<ActionResult>({ formError: rateLimitMessage(requestI18n(request).t, slot) }, { status: 429, headers: { "Retry-After": String(slot.retryAfterSeconds) } });
  const parsed = verifyEmailSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  const result = await verifyEmail(s, parsed.data.email, parsed.data.code);
  if (!result.ok) return data<ActionResult>({ formError: t("verify.wrongCode") }, { status: 400 });
  return startSessionAndContinue(s, request, { id: result.userId, role: result.role, verified: true }, form);
}

export default function VerifyEmailPage() {
  const actionData = useActionData<typeof action>();
  const { email, validMinutes } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      <p className="mt-2 text-slate-700">{t("verify.intro", { email, minutes: validMinutes })}</p>
      <Form method="post" className="mt-6 space-y-4" noValidate>
        <CsrfInput />
        <ContinueFields />
        <input type="hidden" name="email" value={email} />
        <Field
          label={t("verify.code")}
          errors={actionData?.fieldErrors?.code ?? actionData?.fieldErrors?.email}
          inputProps={{ name: "code", inputMode: "numeric", autoComplete: "one-time-code", pattern: "[0-9 ]*", maxLength: 12, required: true }}
        />
        <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
        <SubmitButton className="w-full">{t("verify.confirm")}</SubmitButton>
      </Form>
      <Form method="post" className="mt-4">
        <CsrfInput />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="text-sm underline">
          {t("verify.resend")}
        </button>
      </Form>
      {actionData?.notice && (
        <p role="status" className="mt-3 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-900">
          {actionData.notice}
        </p>
      )}
      <p className="mt-4 text-sm">
        {t("verify.wrongAddress")}{" "}
        <Link to="/signup" className="underline">
          {t("verify.signUpAgain")}
        </Link>
      </p>
    </div>
  );
}
