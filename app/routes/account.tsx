import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { customerAction } from "#app/auth/form-action.server";
import { changePassword } from "#app/auth/accounts.server";
import { changePasswordSchema, fieldErrors, type FieldErrors } from "#app/auth/validation";
import { ErrorList, Field, SubmitButton } from "#app/components/forms";
import { PASSWORD_MIN_LENGTH } from "#app/domain/password-policy";
import { clientIp } from "#app/utils/rate-limit.server";
import type { BookingStatus } from "#app/domain/enums";
import { formatBookingCode } from "#app/domain/booking-code";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { localName } from "#app/i18n/locales";
import { myBookings } from "#app/payments/bookings.server";
import { TicketQr } from "#app/tickets/ticket-qr";
import { KeepOffline } from "#app/tickets/offline";
import { bookingGroup } from "#app/domain/booking-groups";
import { services } from "#app/utils/context.server";
import { destroyAllSessions, requireUser } from "#app/auth/session.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [
  { title: loaderData?.metaTitle ?? "Marquee" },
  ...(loaderData ? [{ name: "description", content: loaderData.metaDescription }] : []),
];

const BADGE_TONE: Record<BookingStatus, string> = {
  CONFIRMED: "bg-emerald-100 text-emerald-900 border-emerald-300",
  PENDING_PAYMENT: "bg-amber-100 text-amber-900 border-amber-300",
  REFUND_PENDING: "bg-sky-100 text-sky-900 border-sky-300",
  REFUNDED: "bg-sky-100 text-sky-900 border-sky-300",
  FAILED: "bg-slate-100 text-slate-800 border-slate-300",
  EXPIRED: "bg-slate-100 text-slate-800 border-slate-300",
  CANCELLED: "bg-red-50 text-red-900 border-red-300",
};

/** A throttled client sees Retry-After on the document response too. */
export { retryAfterHeaders as headers } from "#app/utils/http.server";

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; notice?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, form, user } = await customerAction({ request, context });
  const intent = form.get("intent");
  if (intent === "logout-everywhere") {
    // Clear-Site-Data: this browser's kept tickets go too (public/sw.js).
    throw redirect("/login", { headers: { "Set-Cookie": await destroyAllSessions(s, user.id), "Clear-Site-Data": '"cache", "storage"' } });
  }
  if (intent !== "change-password") return data<ActionResult>({ formError: "Unknown action." }, { status: 400 });
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<ActionResult>({ fieldErrors: fieldErrors(parsed.error, requestI18n(request).t) }, { status: 400 });
  const result = await changePassword(s, user, parsed.data.currentPassword, parsed.data.password, clientIp(request));
  const { t } = requestI18n(request);
  if (result.ok) return data<ActionResult>({ notice: t("account.passwordChanged") });
  if (result.reason === "throttled") {
    return data<ActionResult>(
      { formError: t("account.tooManyWrong", { seconds: result.retryAfterSeconds }) },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return data<ActionResult>({ fieldErrors: { currentPassword: [t("account.notCurrent")] } }, { status: 401 });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const rows = await myBookings(s.env, user.id, s.now);
  const i18n = requestI18n(request);
  const view = rows.map((b) => ({
    id: b.booking.id,
    code: b.booking.code ? formatBookingCode(b.booking.code) : null,
    status: b.status,
    group: bookingGroup(b.status, b.startsAt, s.now),
    startsAt: b.startsAt,
    total: i18n.money(b.booking.totalAmount),
    refunded: b.refundedPaise > 0 ? i18n.money(b.refundedPaise) : null,
    seats: b.seats,
    movieTitle: localName(b.movieTitle, b.movieTitles, i18n.locale),
    cinemaName: localName(b.cinemaName, b.cinemaNames, i18n.locale),
    screenName: b.screenName,
    when: i18n.dateTime(b.startsAt, b.timeZone),
  }));
  return {
    metaTitle: i18n.t("account.metaTitle"),
    metaDescription: i18n.t("account.metaDescription"),
    user: { name: user.name, email: user.email },
    // Upcoming: soonest first. Past, and cancelled & refunded: latest first.
    upcoming: view.filter((b) => b.group === "upcoming").sort((a, b) => a.startsAt - b.startsAt),
    past: view.filter((b) => b.group === "past").sort((a, b) => b.startsAt - a.startsAt),
    cancelled: view.filter((b) => b.group === "cancelled").sort((a, b) => b.startsAt - a.startsAt),
  };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function BookingItem({ b, showQr }: { b: Row; showQr: boolean }) {
  const { t } = useI18n();
  const seats = b.seats.join(", ");
  return (
    <li className="flex flex-wrap justify-between gap-3 p-4" data-testid="booking-item" data-status={b.status}>
      <div className="min-w-0">
        <Link to={`/bookings/${b.id}`} className="font-semibold hover:underline">
          {b.movieTitle}
        </Link>
        <p className="text-sm text-slate-700">
          {b.cinemaName} · {b.screenName} · {b.when}
        </p>
        <p className="text-sm">{b.code ? t("account.seatsCode", { seats, code: b.code }) : t("account.seats", { seats })}</p>
        <p className="mt-1 text-sm">{b.refunded ? t("account.paidRefunded", { total: b.total, refunded: b.refunded }) : t("account.paid", { total: b.total })}</p>
      </div>
      <div className="flex flex-col items-end gap-2">
        <span className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${BADGE_TONE[b.status]}`}>{t("account.badge", { status: b.status })}</span>
        {showQr && b.status === "CONFIRMED" && <TicketQr bookingId={b.id} size={120} />}
      </div>
    </li>
  );
}

/** A list of bookings without QR codes (they have no ticket to show at a door); nothing when empty. */
function BookingSection({ id, title, rows }: { id: string; title: string; rows: Row[] }) {
  if (!rows.length) return null;
  return (
    <section className="mt-6" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h3>
      <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {rows.map((b) => (
          <BookingItem key={b.id} b={b} showQr={false} />
        ))}
      </ul>
    </section>
  );
}

export default function AccountPage() {
  const { user, upcoming, past, cancelled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const notice = actionData?.notice ?? (params.get("password") === "changed" ? t("account.newPasswordSet") : null);
  return (
    <div>
      <h1 className="text-2xl font-bold">{t("account.hello", { name: user.name })}</h1>
      <p className="text-slate-700">{user.email}</p>
      {notice && (
        <p role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      <h2 className="mt-6 text-xl font-semibold">{t("account.bookings")}</h2>
      {/* This phone keeps the upcoming tickets for when there is no signal (public/sw.js). */}
      <KeepOffline tickets={upcoming.filter((b) => b.status === "CONFIRMED").map((b) => b.id)} replace />
      {upcoming.length === 0 && past.length === 0 && cancelled.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("account.none")}</p>
      ) : (
        <>
          <section className="mt-3" aria-labelledby="upcoming-heading">
            <h3 id="upcoming-heading" className="text-lg font-semibold">
              {t("account.upcoming")}
            </h3>
            {upcoming.length === 0 ? (
              <p className="mt-1 text-sm text-slate-700">{t("account.nothingUpcoming")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {upcoming.map((b) => (
                  <BookingItem key={b.id} b={b} showQr />
                ))}
              </ul>
            )}
          </section>
          <BookingSection id="past" title={t("account.past")} rows={past} />
          <BookingSection id="cancelled" title={t("account.cancelled")} rows={cancelled} />
        </>
      )}
      <section className="mt-8 max-w-sm" aria-labelledby="security-heading">
        <h2 id="security-heading" className="text-lg font-semibold">
          {t("account.security")}
        </h2>
        <Form method="post" className="mt-2 space-y-4" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label={t("account.currentPassword")}
            errors={actionData?.fieldErrors?.currentPassword}
            inputProps={{ name: "currentPassword", type: "password", autoComplete: "current-password", required: true }}
          />
          <Field
            label={t("account.newPassword", { min: PASSWORD_MIN_LENGTH })}
            errors={actionData?.fieldErrors?.password}
            inputProps={{ name: "password", type: "password", autoComplete: "new-password", required: true, minLength: PASSWORD_MIN_LENGTH }}
          />
          <ErrorList errors={actionData?.formError ? [actionData.formError] : null} />
          <SubmitButton>{t("account.changePassword")}</SubmitButton>
        </Form>
        <Form method="post" className="mt-6">
          <CsrfInput />
          <input type="hidden" name="intent" value="logout-everywhere" />
          <p className="text-sm text-slate-700">{t("account.everywhereNote")}</p>
          <button type="submit" className="mt-2 rounded-md border border-slate-400 px-4 py-2 text-sm font-semibold hover:bg-slate-50">
            {t("account.everywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}