import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { redirect } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { TicketQr } from "#app/tickets/ticket-qr";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import type { BookingStatus } from "#app/domain/enums";
import { cutoffParts, quoteCancellation } from "#app/domain/refund-policy";
import { refundSentence } from "#app/email/templates/booking-cancelled";
import { useI18n } from "#app/i18n/context";
import type { MessageId } from "#app/i18n/format";
import { formatBookingCode } from "#app/domain/booking-code";
import { shareUrl } from "#app/tickets/share.server";
import { TicketView } from "#app/tickets/ticket-view";
import { TicketActions } from "#app/tickets/ticket-actions";
import { KeepOffline } from "#app/tickets/offline";
import { zoneLabel } from "#app/domain/time";
import { doorClock } from "#app/domain/check-in";
import { loadBookingView } from "#app/payments/booking-view.server";
import { cancelAndRefundBooking } from "#app/payments/settle.server";
import { services } from "#app/utils/context.server";
import { badRequest, userError } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { requireUser } from "#app/auth/session.server";
import { customerAction } from "#app/auth/form-action.server";
import { requestI18n } from "#app/i18n/locale.server";

// The film and time in the title (names and a time, in the page's language): the offline list of kept tickets (public/sw.js) reads it.
export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.header.movie.title}, ${loaderData.header.when} — Marquee` : "Marquee" },
  ...(loaderData ? [{ name: "description", content: loaderData.metaDescription }] : []),
];

const STATUS_TEXT: Record<BookingStatus, { title: MessageId; body: MessageId }> = {
  CONFIRMED: { title: "booking.status.CONFIRMED.title", body: "booking.status.CONFIRMED.body" },
  PENDING_PAYMENT: { title: "booking.status.PENDING_PAYMENT.title", body: "booking.status.PENDING_PAYMENT.body" },
  REFUND_PENDING: { title: "booking.status.lost.title", body: "booking.status.REFUND_PENDING.body" },
  REFUNDED: { title: "booking.status.lost.title", body: "booking.status.REFUNDED.body" },
  FAILED: { title: "booking.status.FAILED.title", body: "booking.status.FAILED.body" },
  EXPIRED: { title: "booking.status.EXPIRED.title", body: "booking.status.EXPIRED.body" },
  CANCELLED: { title: "booking.status.CANCELLED.title", body: "booking.status.CANCELLED.body" },
};

const NOTICES: Record<string, MessageId> = {
  confirming: "booking.notice.confirming",
  cancelled: "booking.notice.cancelled",
};

/** The cut-off as the policy words it: whole hours, else minutes. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const i18n = requestI18n(request);
  const { t, money } = i18n;
  const view = await loadBookingView(s, idParam(params.bookingId), user.id, i18n.locale);
  const { booking, detail } = view;
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  const tz = detail.cinema.timeZone;
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  const refundedPaise = view.refunds.reduce((sum, r) => sum + r.amount, 0);
  const refundReason = view.refunds[0]?.reason ?? null;
  return {
    metaDescription: t("booking.metaDescription"),
    booking: {
      id: booking.id,
      code: booking.code ? formatBookingCode(booking.code) : null,
      status: booking.status,
      cancelledBy: booking.status === "CANCELLED" ? t("booking.who", { who: refundReason ?? "customer_cancellation" }) : null,
      failureReason: booking.failureReason,
      upcoming: detail.showtime.startsAt > s.now,
      paymentId: booking.razorpayPaymentId,
      checkedIn: booking.checkedInAt ? `${doorClock(booking.checkedInAt, tz)} ${zoneLabel(tz, booking.checkedInAt)}` : null,
    },
    header: view.header,
    price: view.price,
    refunds: view.refunds,
    refundedPaise,
    refundText: view.refunds.length ? refundSentence(i18n, refundedPaise, booking.totalAmount) : null,
    shareUrl: booking.status === "CONFIRMED" ? await shareUrl(s, url.origin, booking.id) : null,
    face: {
      movieTitle: view.header.movie.title,
      detail: `${view.header.format} · ${view.header.language} · ${view.header.movie.certificate}`,
      cinemaName: view.header.cinema.name,
      cinemaAddress: detail.cinema.address,
      screenName: view.header.screen.name,
      when: view.header.when,
      seats: view.price.lines.map((l) => l.seatId),
      code: booking.code ? formatBookingCode(booking.code) : null,
    },
    cancellation: {
      policy: t("booking.policy", cutoffParts(s.config.CANCELLATION_CUTOFF_MINUTES)),
      allowed: quote.allowed,
      refund: quote.allowed ? money(quote.refundPaise) : null,
      kept: quote.allowed ? money(quote.keptPaise) : null,
      cutoff: i18n.dateTime(quote.cutoffAt, tz),
    },
    notice: notice && NOTICES[notice] ? t(NOTICES[notice]) : null,
  };
}

const REFUSALS = {
  past_cutoff: "booking.refusal.past_cutoff",
  checked_in: "booking.refusal.checked_in",
  not_confirmed: "booking.refusal.not_confirmed",
} as const satisfies Record<string, MessageId>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { s, form, user } = await customerAction({ request, context });
  const { t } = requestI18n(request);
  if (form.get("intent") !== "cancel") badRequest("Unknown action.");
  const { booking, detail } = await loadBookingView(s, idParam(params.bookingId), user.id);
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  // Money moves only after the fan has seen the amounts and said yes (the confirm step sends this).
  if (form.get("confirm") !== "yes") userError(422, t("booking.confirmFirst"));
  if (!quote.allowed) {
    userError(409, t(REFUSALS[quote.reason], { minutes: s.config.CANCELLATION_CUTOFF_MINUTES }));
  }
  const deps = await s.payments();
  // The shared cancel judges check-in again, atomically: the door may have scanned since the quote.
  const result = await cancelAndRefundBooking(deps, booking.id, { refundPaise: quote.refundPaise, reason: "customer_cancellation", by: "customer" });
  if (!result.ok) userError(409, t(REFUSALS[result.reason === "checked_in" ? "checked_in" : "not_confirmed"]));
  throw redirect(`/bookings/${booking.id}?notice=cancelled`);
}

export default function BookingPage() {
  const { booking, header, price, refunds, refundText, cancellation, notice, face, shareUrl } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const status = STATUS_TEXT[booking.status];
  const text =
    booking.status === "CONFIRMED" && booking.checkedIn
      ? { title: t("booking.checkedIn.title"), body: t("booking.checkedIn.body", { time: booking.checkedIn }) }
      : { title: t(status.title), body: t(status.body) };
  return (
    <div className="mx-auto max-w-xl">
      {notice && (
        <p className="mb-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm print:hidden" role="status">
          {notice}
        </p>
      )}
      <h1 className="text-2xl font-bold" data-testid="booking-status" data-status={booking.status}>
        {text.title}
      </h1>
      <p className="mt-1">
        {booking.cancelledBy && <strong data-testid="cancelled-by">{booking.cancelledBy} </strong>}
        {text.body}
      </p>
      {booking.failureReason && booking.status !== "CONFIRMED" && <p className="mt-1 text-sm text-slate-700">{booking.failureReason}</p>}
      <TicketView t={face} qr={booking.status === "CONFIRMED" ? <TicketQr bookingId={booking.id} /> : undefined}>
        <p className="mt-3 text-xs text-slate-600">{t("booking.id", { id: booking.id })}</p>
      </TicketView>
      {booking.status === "CONFIRMED" && booking.upcoming && <KeepOffline tickets={[booking.id]} />}
      {booking.status === "CONFIRMED" && shareUrl && <TicketActions bookingId={booking.id} shareUrl={shareUrl} title={`${header.movie.title} · ${header.when}`} code={booking.code} />}
      <PriceBreakdown price={price} />
      {refunds.length > 0 && refundText && (
        <p className="mt-4 text-sm" data-testid="refund-summary">
          {t(refunds.every((r) => r.status === "PROCESSED") ? "booking.refundProcessed" : "booking.refundOnItsWay", { refund: refundText })}
        </p>
      )}
      {booking.status === "PENDING_PAYMENT" && (
        <Link to={`/bookings/${booking.id}/pay`} className="mt-4 inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
          {t("booking.continuePayment")}
        </Link>
      )}
      {booking.status === "CONFIRMED" && !booking.checkedIn && (
        <section className="mt-6 rounded-lg border border-slate-200 p-4 print:hidden" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" className="font-semibold">
            {t("booking.cancelHeading")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{cancellation.policy}</p>
          {cancellation.allowed ? (
            // <details> asks once, with or without JavaScript: the amounts first, then one "yes".
            <details className="mt-3" data-testid="cancel-confirm">
              <summary className="inline-block cursor-pointer rounded-md border border-red-400 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
                {t("booking.cancelOpen")}
              </summary>
              <Form method="post" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3">
                <CsrfInput />
                <input type="hidden" name="confirm" value="yes" />
                <p className="text-sm">{t("booking.cancelQuote", { refund: cancellation.refund ?? "", kept: cancellation.kept ?? "", cutoff: cancellation.cutoff })}</p>
                <button type="submit" name="intent" value="cancel" className="mt-2 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
                  {t("booking.cancelYes", { refund: cancellation.refund ?? "" })}
                </button>
              </Form>
            </details>
          ) : (
            <p className="mt-2 text-sm">{t("booking.cancelClosed", { cutoff: cancellation.cutoff })}</p>
          )}
        </section>
      )}
      <p className="mt-6 print:hidden">
        <Link to="/account" className="text-brand-700 underline">
          {t("booking.all")}
        </Link>
      </p>
    </div>
  );
}
