import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "#app/auth/csrf-input";
import { customerAction } from "#app/auth/form-action.server";
import { changePassword } from "#app/auth/accounts.server";
import { changePasswordSchema, fieldErrors, type FieldErrors } from "#app/auth/validation";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-policy";
import { clientIp } from "#app/utils/rate-limit.server";
import { formatRupees } from "#app/domain/pricing";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { bookingsOfUser } from "#app/payments/bookings.server";
import { services } from "#app/utils/context.server";
import { destroyAllSessions, requireUser } from "#app/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Your account — Marquee" }];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; notice?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form, user } = await customerAction({ request, context });
  const intent = form.get("intent");
  if (intent === "logout-everywhere") {
    throw redirect("/login", { headers: { "Set-Cookie": await destroyAllSessions(s, user.id) } });
  }
  if (intent !== "change-password") return data<ActionResult>({ formError: "Unknown action." }, { status: 400 });
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await changePassword(s, user, parsed.data.currentPassword, parsed.data.password, clientIp(request));
  if (result.ok) return data<ActionResult>({ notice: "Password changed. Every other device was logged out, and we emailed you about it." });
  if (result.reason === "throttled") {
    return data<ActionResult>(
      { formError: `Too many wrong passwords. Try again in ${result.retryAfterSeconds} seconds.` },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return data<ActionResult>({ fieldErrors: { currentPassword: ["That is not your current password."] } }, { status: 401 });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const rows = await bookingsOfUser(s.db, user.id);
  return {
    user: { name: user.name, email: user.email },
    bookings: rows.map(({ booking: b, ...show }) => ({
      id: b.id,
      status: b.status,
      total: formatRupees(b.totalAmount),
      movieTitle: show.movieTitle,
      cinemaName: show.cinemaName,
      when: `${formatShowDate(show.startsAt, show.timeZone)}, ${formatShowTime(show.startsAt, show.timeZone)}`,
    })),
  };
}

export default function AccountPage() {
  const { user, bookings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = actionData?.notice ?? (params.get("password") === "changed" ? "Your new password is set, and every other device was logged out." : null);
  return (
    <div>
      <h1 className="text-2xl font-bold">Hello, {user.name}</h1>
      <p className="text-slate-700">{user.email}</p>
      {notice && (
        <p role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      <section className="mt-6" aria-labelledby="bookings-heading">
        <h2 id="bookings-heading" className="text-lg font-semibold">
          Your bookings
        </h2>
        {bookings.length === 0 ? (
          <p className="mt-2 text-slate-700">No bookings yet. Pick a movie and grab some seats!</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {bookings.map((b) => (
              <li key={b.id} className="flex flex-wrap justify-between gap-2 p-4">
                <div>
                  <Link to={`/bookings/${b.id}`} className="font-semibold hover:underline">
                    {b.movieTitle}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {b.cinemaName} · {b.when}
                  </p>
                </div>
                <div className="text-right">
                  <p className="font-semibold">{b.total}</p>
                  <p className="text-xs uppercase tracking-wide text-slate-600">{b.status.replace("_", " ")}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="mt-8 max-w-sm" aria-labelledby="security-heading">
        <h2 id="security-heading" className="text-lg font-semibold">
          Password and devices
        </h2>
        <Form method="post" className="mt-2 space-y-4" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label="Current password"
            errors={actionData?.fieldErrors?.currentPassword}
            inputProps={{ name: "currentPassword", type: "password", autoComplete: "current-password", required: true }}
          />
          <Field
            label={`New password (${PASSWORD_MIN_LENGTH}+ characters, not a common one)`}
            errors={actionData?.fieldErrors?.password}
            inputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true, minLength: PASSWORD_MIN_LENGTH }}
          />
          <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
          <SubmitButton>Change password</SubmitButton>
        </Form>
        <Form method="post" className="mt-6">
          <CsrfInput />
          <input type="hidden" name="intent" value="logout-everywhere" />
          <p className="text-sm text-slate-700">Lost a phone, or used a shared computer? End every session, this one included.</p>
          <button type="submit" className="mt-2 rounded-md border border-slate-400 px-4 py-2 text-sm font-semibold hover:bg-slate-50">
            Log out everywhere
          </button>
        </Form>
      </section>
    </div>
  );
}