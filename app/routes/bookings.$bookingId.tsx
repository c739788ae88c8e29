import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { redirect } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { TicketQr } from "#app/tickets/ticket-qr";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import type { BookingStatus } from "#app/domain/enums";
import { formatRupees } from "#app/domain/pricing";
import { CANCELLATION_POLICY_TEXT, describeRefundAmounts, quoteCancellation, whoCancelled } from "#app/domain/refund-policy";
import { formatBookingCode } from "#app/domain/booking-code";
import { shareUrl } from "#app/tickets/share.server";
import { TicketView } from "#app/tickets/ticket-view";
import { TicketActions } from "#app/tickets/ticket-actions";
import { formatShowDate, formatShowTime, zoneLabel } from "#app/domain/time";
import { doorClock } from "#app/domain/check-in";
import { loadBookingView } from "#app/payments/booking-view.server";
import { cancelAndRefundBooking } from "#app/payments/settle.server";
import { services } from "#app/utils/context.server";
import { badRequest, userError } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { requireUser } from "#app/auth/session.server";
import { customerAction } from "#app/auth/form-action.server";
import { requestLocale } from "#app/i18n/locale.server";

export const meta: MetaFunction = () => [
  { title: "Your booking — Marquee" },
  { name: "description", content: "Your Marquee ticket: seats, QR code, calendar, sharing and cancellation." },
];

const STATUS_TEXT: Record<BookingStatus, { title: string; body: string }> = {
  CONFIRMED: { title: "Booking confirmed", body: "Show this page at the cinema. Enjoy the film!" },
  PENDING_PAYMENT: { title: "Waiting for payment", body: "This booking is not paid yet." },
  REFUND_PENDING: { title: "We could not get these seats", body: "Someone else bought them first. Your money is on its way back." },
  REFUNDED: { title: "We could not get these seats", body: "Someone else bought them first. Your money has been refunded." },
  FAILED: { title: "Booking not completed", body: "You have not been charged: the amount your bank reserved is released automatically." },
  EXPIRED: { title: "Booking expired", body: "The seat hold ran out before a payment arrived. Nothing was charged; a payment already under way when it ran out gets these seats if they are still free, or comes back to you in full." },
  CANCELLED: { title: "Booking cancelled", body: "The seats have gone back on sale." },
};

const NOTICES: Record<string, string> = {
  confirming: "We're confirming your payment with Razorpay. This page will show your ticket once it is confirmed; if it does not go through, you will not be charged.",
  cancelled: "Your booking is cancelled and the refund is on its way.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const view = await loadBookingView(s, idParam(params.bookingId), user.id, requestLocale(request));
  const { booking, detail } = view;
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  const tz = detail.cinema.timeZone;
  const url = new URL(request.url);
  const notice = url.searchParams.get("notice");
  const refundedPaise = view.refunds.reduce((sum, r) => sum + r.amount, 0);
  const refundReason = view.refunds[0]?.reason ?? null;
  return {
    booking: {
      id: booking.id,
      code: booking.code ? formatBookingCode(booking.code) : null,
      status: booking.status,
      cancelledBy: booking.status === "CANCELLED" ? whoCancelled(refundReason ?? "customer_cancellation") : null,
      failureReason: booking.failureReason,
      paymentId: booking.razorpayPaymentId,
      checkedIn: booking.checkedInAt ? `${doorClock(booking.checkedInAt, tz)} ${zoneLabel(tz, booking.checkedInAt)}` : null,
    },
    header: view.header,
    price: view.price,
    refunds: view.refunds,
    refundedPaise,
    refundText: view.refunds.length ? describeRefundAmounts({ refundPaise: refundedPaise, paidPaise: booking.totalAmount }) : null,
    shareUrl: booking.status === "CONFIRMED" ? await shareUrl(s, url.origin, booking.id) : null,
    face: {
      movieTitle: view.header.movie.title,
      detail: `${view.header.format} · ${view.header.language} · ${view.header.movie.certificate}`,
      cinemaName: view.header.cinema.name,
      screenName: view.header.screen.name,
      when: view.header.when,
      seats: view.price.lines.map((l) => l.seatId),
      code: booking.code ? formatBookingCode(booking.code) : null,
    },
    cancellation: {
      policy: CANCELLATION_POLICY_TEXT(s.config.CANCELLATION_CUTOFF_MINUTES),
      allowed: quote.allowed,
      refund: quote.allowed ? formatRupees(quote.refundPaise) : null,
      kept: quote.allowed ? formatRupees(quote.keptPaise) : null,
      cutoff: `${formatShowDate(quote.cutoffAt, tz)}, ${formatShowTime(quote.cutoffAt, tz)}`,
    },
    notice: notice && NOTICES[notice] ? NOTICES[notice] : null,
  };
}

const REFUSALS = {
  past_cutoff: (minutes: number) => `Cancellations close ${minutes} minutes before the show, so this booking can no longer be cancelled.`,
  checked_in: (_minutes: number) => "This ticket has been used at the door, so it can no longer be cancelled. The cinema's staff can help.",
  not_confirmed: (_minutes: number) => "Only a confirmed booking can be cancelled.",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { s, form, user } = await customerAction({ request, context });
  if (form.get("intent") !== "cancel") badRequest("Unknown action.");
  const { booking, detail } = await loadBookingView(s, idParam(params.bookingId), user.id);
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  // Money moves only after the fan has seen the amounts and said yes (the confirm step sends this).
  if (form.get("confirm") !== "yes") userError(422, "Please confirm the cancellation: open “Cancel booking” and press “Yes, cancel”.");
  if (!quote.allowed) {
    userError(409, REFUSALS[quote.reason](s.config.CANCELLATION_CUTOFF_MINUTES));
  }
  const deps = await s.payments();
  // The shared cancel judges check-in again, atomically: the door may have scanned since the quote.
  const result = await cancelAndRefundBooking(deps, booking.id, { refundPaise: quote.refundPaise, reason: "customer_cancellation", by: "customer" });
  if (!result.ok) userError(409, REFUSALS[result.reason === "checked_in" ? "checked_in" : "not_confirmed"](0));
  throw redirect(`/bookings/${booking.id}?notice=cancelled`);
}

export default function BookingPage() {
  const { booking, header, price, refunds, refundText, cancellation, notice, face, shareUrl } = useLoaderData<typeof loader>();
  const text = booking.status === "CONFIRMED" && booking.checkedIn ? { title: "Checked in", body: `Admitted at the door at ${booking.checkedIn}. Enjoy the film!` } : STATUS_TEXT[booking.status];
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
        <p className="mt-3 text-xs text-slate-600">Booking {booking.id}</p>
      </TicketView>
      {booking.status === "CONFIRMED" && shareUrl && <TicketActions bookingId={booking.id} shareUrl={shareUrl} title={`${header.movie.title} · ${header.when}`} />}
      <PriceBreakdown price={price} />
      {refunds.length > 0 && refundText && (
        <p className="mt-4 text-sm" data-testid="refund-summary">
          {refundText} {refunds.every((r) => r.status === "PROCESSED") ? "Processed." : "On its way: 5–7 working days."}
        </p>
      )}
      {booking.status === "PENDING_PAYMENT" && (
        <Link to={`/bookings/${booking.id}/pay`} className="mt-4 inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
          Continue to payment
        </Link>
      )}
      {booking.status === "CONFIRMED" && !booking.checkedIn && (
        <section className="mt-6 rounded-lg border border-slate-200 p-4 print:hidden" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" className="font-semibold">
            Cancel this booking
          </h2>
          <p className="mt-1 text-sm text-slate-700">{cancellation.policy}</p>
          {cancellation.allowed ? (
            // <details> asks once, with or without JavaScript: the amounts first, then one "yes".
            <details className="mt-3" data-testid="cancel-confirm">
              <summary className="inline-block cursor-pointer rounded-md border border-red-400 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
                Cancel booking…
              </summary>
              <Form method="post" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3">
                <CsrfInput />
                <input type="hidden" name="confirm" value="yes" />
                <p className="text-sm">
                  You get back <strong>{cancellation.refund}</strong>. We keep <strong>{cancellation.kept}</strong> (convenience fee and GST). Your
                  ticket stops working and the seats go back on sale. This can&rsquo;t be undone. Cancel by {cancellation.cutoff}.
                </p>
                <button type="submit" name="intent" value="cancel" className="mt-2 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
                  Yes, cancel and refund {cancellation.refund}
                </button>
              </Form>
            </details>
          ) : (
            <p className="mt-2 text-sm">Cancellations for this show closed at {cancellation.cutoff}.</p>
          )}
        </section>
      )}
      <p className="mt-6 print:hidden">
        <Link to="/account" className="text-brand-700 underline">
          All your bookings
        </Link>
      </p>
    </div>
  );
}
