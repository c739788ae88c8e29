import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "#app/auth/csrf-input";
import { TicketQr } from "#app/tickets/ticket-qr";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import type { BookingStatus } from "#app/db/schema.server";
import { formatRupees } from "#app/domain/pricing";
import { CANCELLATION_POLICY_TEXT, quoteCancellation } from "#app/domain/refund-policy";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { loadBookingView } from "#app/payments/booking-view.server";
import { cancelAndRefundBooking } from "#app/payments/settle.server";
import { services } from "#app/utils/context.server";
import { badRequest } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { requireUser } from "#app/auth/session.server";
import { customerAction } from "#app/auth/form-action.server";

export const meta: MetaFunction = () => [{ title: "Your booking — Marquee" }];

const STATUS_TEXT: Record<BookingStatus, { title: string; body: string }> = {
  CONFIRMED: { title: "Booking confirmed", body: "Show this page at the cinema. Enjoy the film!" },
  PENDING_PAYMENT: { title: "Waiting for payment", body: "This booking is not paid yet." },
  REFUND_PENDING: { title: "We could not get these seats", body: "Someone else bought them first. Your money is on its way back." },
  REFUNDED: { title: "We could not get these seats", body: "Someone else bought them first. Your money has been refunded." },
  FAILED: { title: "Booking not completed", body: "You have not been charged: the amount your bank reserved is released automatically." },
  EXPIRED: { title: "Booking expired", body: "The seat hold ran out before a payment arrived. Nothing was charged." },
  CANCELLED: { title: "Booking cancelled", body: "Your seats have gone back on sale." },
};

const NOTICES: Record<string, string> = {
  confirming: "We're confirming your payment with Razorpay. This page will show your ticket once it is confirmed; if it does not go through, you will not be charged.",
  cancelled: "Your booking is cancelled and the refund is on its way.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const user = await requireUser(request, s);
  const view = await loadBookingView(s, idParam(params.bookingId), user.id);
  const { booking, detail } = view;
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  const tz = detail.cinema.timeZone;
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    booking: {
      id: booking.id,
      status: booking.status,
      failureReason: booking.failureReason,
      paymentId: booking.razorpayPaymentId,
    },
    header: view.header,
    price: view.price,
    refunds: view.refunds,
    refundedPaise: view.refunds.reduce((sum, r) => sum + r.amount, 0),
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { s, form, user } = await customerAction({ request, context });
  if (form.get("intent") !== "cancel") badRequest("Unknown action.");
  const { booking, detail } = await loadBookingView(s, idParam(params.bookingId), user.id);
  const quote = quoteCancellation({ ...booking, startsAt: detail.showtime.startsAt, now: s.now, cutoffMinutes: s.config.CANCELLATION_CUTOFF_MINUTES });
  if (!quote.allowed) {
    const message =
      quote.reason === "past_cutoff"
        ? `Cancellations close ${s.config.CANCELLATION_CUTOFF_MINUTES} minutes before the show, so this booking can no longer be cancelled.`
        : "Only a confirmed booking can be cancelled.";
    throw data({ message }, { status: 409 });
  }
  const deps = await s.payments();
  const result = await cancelAndRefundBooking(deps, booking.id, { refundPaise: quote.refundPaise, reason: "customer_cancellation" });
  if (!result.ok) throw data({ message: "Only a confirmed booking can be cancelled." }, { status: 409 });
  throw redirect(`/bookings/${booking.id}?notice=cancelled`);
}

export default function BookingPage() {
  const { booking, header, price, refunds, refundedPaise, cancellation, notice } = useLoaderData<typeof loader>();
  const text = STATUS_TEXT[booking.status];
  return (
    <div className="mx-auto max-w-xl">
      {notice && (
        <p className="mb-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sm" role="status">
          {notice}
        </p>
      )}
      <h1 className="text-2xl font-bold" data-testid="booking-status" data-status={booking.status}>
        {text.title}
      </h1>
      <p className="mt-1">{text.body}</p>
      {booking.failureReason && booking.status !== "CONFIRMED" && <p className="mt-1 text-sm text-slate-700">{booking.failureReason}</p>}
      <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Ticket">
        <p className="text-lg font-semibold">{header.movie.title}</p>
        <p className="text-slate-700">
          {header.cinema.name} · {header.screen.name} · {header.when} · {header.format} · {header.language}
        </p>
        <p className="mt-2">
          Seats: <strong>{price.lines.map((l) => l.seatId).join(", ")}</strong>
        </p>
        <p className="mt-1 text-xs text-slate-600">Booking {booking.id}</p>
        {booking.status === "CONFIRMED" && (
          <div className="mt-4 text-center">
            <TicketQr bookingId={booking.id} />
          </div>
        )}
      </section>
      <PriceBreakdown price={price} />
      {refunds.length > 0 && (
        <p className="mt-4 text-sm" data-testid="refund-summary">
          Refund of {formatRupees(refundedPaise)}: {refunds.every((r) => r.status === "PROCESSED") ? "processed" : "on its way"}.
        </p>
      )}
      {booking.status === "PENDING_PAYMENT" && (
        <Link to={`/bookings/${booking.id}/pay`} className="mt-4 inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
          Continue to payment
        </Link>
      )}
      {booking.status === "CONFIRMED" && (
        <section className="mt-6 rounded-lg border border-slate-200 p-4" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" className="font-semibold">
            Cancel this booking
          </h2>
          <p className="mt-1 text-sm text-slate-700">{cancellation.policy}</p>
          {cancellation.allowed ? (
            <Form method="post" className="mt-3">
              <CsrfInput />
              <p className="text-sm">
                You get back {cancellation.refund}; {cancellation.kept} (convenience fee and GST) is not refunded. Cancel by {cancellation.cutoff}.
              </p>
              <button type="submit" name="intent" value="cancel" className="mt-2 rounded-md border border-red-400 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
                Cancel booking
              </button>
            </Form>
          ) : (
            <p className="mt-2 text-sm">Cancellations for this show closed at {cancellation.cutoff}.</p>
          )}
        </section>
      )}
      <p className="mt-6">
        <Link to="/account" className="text-brand-700 underline">
          All your bookings
        </Link>
      </p>
    </div>
  );
}
