import { requestI18n, requestLocale } from "#app/i18n/locale.server";
import { useI18n } from "#app/i18n/context";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRouteLoaderData, useSubmit } from "react-router";
import { useEffect, useRef, useState } from "react";
import { CSRF_FIELD } from "#app/auth/csrf-input";
import { HoldCountdown, HoldExtension } from "#app/seats/hold-countdown";
import { describeExtensionRefusal } from "#app/domain/holds";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import { loadBookingView } from "#app/payments/booking-view.server";
import { getBookingOfUser } from "#app/payments/bookings.server";
import { confirmCheckout, recordCheckoutFailure } from "#app/payments/checkout.server";
import { getPaymentConfig } from "#app/payments/config.server";
import { checkoutSuccessSchema } from "#app/payments/razorpay-schemas";
import type { loader as rootLoader } from "#app/root";
import { services } from "#app/utils/context.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { seatsOf } from "#app/seats/gateway.server";
import { extendHold } from "#app/seats/extend-hold.server";
import { requireUser } from "#app/auth/session.server";
import { customerAction } from "#app/auth/form-action.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [{ title: loaderData?.metaTitle ?? "Marquee" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const bookingId = idParam(params.bookingId);
  const user = await requireUser(request, s);
  const view = await loadBookingView(s, bookingId, user.id, requestLocale(request));
  const { booking } = view;
  if (booking.status !== "PENDING_PAYMENT" || !booking.razorpayOrderId) throw redirect(`/bookings/${booking.id}`);
  const hold = await seatsOf(s.env, booking.showtimeId).getHold(booking.holdId);
  const config = await getPaymentConfig(s.env);
  return {
    metaTitle: requestI18n(request).t("pay.metaTitle"),
    bookingId: booking.id,
    header: view.header,
    price: view.price,
    failureReason: booking.failureReason,
    expiresAt: hold?.expiresAt ?? null,
    canExtend: hold?.canExtend ?? false,
    extended: hold?.extended ?? false,
    serverNow: s.now,
    seatMapUrl: `/showtimes/${booking.showtimeId}?notice=expired`,
    checkout: {
      scriptUrl: config.checkoutScriptUrl,
      sandbox: config.mode === "sandbox",
      key: config.keyId,
      orderId: booking.razorpayOrderId,
      amount: booking.totalAmount,
      currency: booking.currency,
      description: `${view.header.movie.title} · ${view.header.when}`,
      prefill: { name: user.name, email: user.email },
      // Copied onto the payment by Checkout: a payment webhook then names its booking, so its shard (ADR 031).
      notes: { booking_id: booking.id },
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const bookingId = idParam(params.bookingId);
  const { s, form, user } = await customerAction({ request, context });
  const booking = await getBookingOfUser(s.env, bookingId, user.id);
  if (!booking) notFound("We couldn't find that booking.");
  const intent = form.get("intent");
  if (intent === "extend") {
    // The one visible extension; the seat object refuses a second one or one past the ceiling.
    const result = await extendHold(s, { userId: user.id, showtimeId: booking.showtimeId, holdId: booking.holdId });
    if (!result.ok) return data({ extendError: describeExtensionRefusal(result.reason) }, { status: result.reason === "no_hold" ? 410 : 409 });
    throw redirect(`/bookings/${booking.id}/pay`);
  }
  const deps = await s.payments();

  if (intent === "paid") {
    const parsed = checkoutSuccessSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) badRequest(parsed.error.issues[0]?.message ?? "That payment response isn't valid.");
    const result = await confirmCheckout(deps, booking, parsed.data);
    switch (result.kind) {
      case "invalid_signature":
        badRequest(requestI18n(request).t("pay.notVerified"));
        break;
      case "wrong_order":
        badRequest(requestI18n(request).t("pay.otherOrder"));
        break;
      case "razorpay_unavailable":
        throw redirect(`/bookings/${booking.id}?notice=confirming`);
      case "settled":
        if (result.outcome.kind === "failed") throw redirect(`/bookings/${booking.id}/pay`);
        throw redirect(`/bookings/${booking.id}`);
    }
  }
  if (intent === "failed" || intent === "dismissed") {
    const raw = form.get("razorpay_payment_id");
    const paymentId = typeof raw === "string" && /^pay_[A-Za-z0-9]{6,40}$/.test(raw) ? raw : null;
    await recordCheckoutFailure(deps, booking, intent === "failed" ? paymentId : null);
    return data({ ok: true });
  }
  badRequest("Unknown action.");
}

type CheckoutOptions = ReturnType<typeof useLoaderData<typeof loader>>["checkout"];

type RazorpayInstance = { open(): void; close(): void; on(event: "payment.failed", handler: (response: { error: { description?: string; metadata?: { payment_id?: string } } }) => void): void };
declare global {
  interface Window {
    Razorpay?: new (options: Record<string, unknown>) => RazorpayInstance;
  }
}

/** Loads Standard Checkout (or the sandbox's stand-in: same API, same script tag). */
function useCheckoutScript(src: string): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (window.Razorpay) {
      setReady(true);
      return;
    }
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => setReady(true);
    document.body.appendChild(script);
  }, [src]);
  return ready;
}

function PayButton({ bookingId, checkout }: { bookingId: string; checkout: CheckoutOptions }) {
  const ready = useCheckoutScript(checkout.scriptUrl);
  const { t, money } = useI18n();
  const submit = useSubmit();
  const failure = useFetcher();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const csrf = root?.csrf ?? "";
  const action = `/bookings/${bookingId}/pay`;
  const openCheckout = useRef<RazorpayInstance | null>(null);
  const leaving = useRef(false);

  // When the button goes (the hold ran out and the page says so), the checkout goes with it:
  // nobody is asked to pay over a page that says the booking has ended.
  useEffect(
    () => () => {
      leaving.current = true;
      openCheckout.current?.close();
      openCheckout.current = null;
    },
    [],
  );

  function open() {
    if (!window.Razorpay) return;
    const rzp = new window.Razorpay({
      key: checkout.key,
      amount: checkout.amount,
      currency: checkout.currency,
      order_id: checkout.orderId,
      name: "Marquee",
      description: checkout.description,
      prefill: checkout.prefill,
      notes: checkout.notes,
      theme: { color: "#e11d48" },
      handler: (response: Record<string, string>) => {
        submit({ ...response, intent: "paid", [CSRF_FIELD]: csrf }, { method: "post", action });
      },
      modal: {
        ondismiss: () => {
          if (!leaving.current) failure.submit({ intent: "dismissed", [CSRF_FIELD]: csrf }, { method: "post", action });
        },
      },
    });
    openCheckout.current = rzp;
    rzp.on("payment.failed", (response) => {
      failure.submit({ intent: "failed", razorpay_payment_id: response.error.metadata?.payment_id ?? "", [CSRF_FIELD]: csrf }, { method: "post", action });
    });
    rzp.open();
  }

  return (
    <button
      type="button"
      onClick={open}
      disabled={!ready}
      className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {t("pay.button", { amount: money(checkout.amount) })}
    </button>
  );
}

export default function PayPage() {
  const { bookingId, header, price, failureReason, expiresAt, canExtend, extended, serverNow, seatMapUrl, checkout } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const extendError = actionData && "extendError" in actionData ? actionData.extendError : null;
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("pay.title")}</h1>
      <p className="mt-1 text-slate-700">
        {header.movie.title} · {header.cinema.name} · {header.screen.name} · {header.when} · {header.format}
      </p>
      {expiresAt === null ? (
        <div className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4" role="alert">
          <p className="font-semibold">{t("pay.expired")}</p>
          <p className="mt-1 text-sm">{t("pay.expiredBody")}</p>
          <Link to={seatMapUrl} className="mt-3 inline-block font-semibold text-brand-700 underline">
            {t("pay.backToMap")}
          </Link>
        </div>
      ) : (
        <>
          <div className="mt-4">
            {/* At zero this page's loader asks the server: only the seat object says the hold is gone. */}
            <HoldCountdown expiresAt={expiresAt} serverNow={serverNow} expiredTo={`/bookings/${bookingId}/pay`} />
          </div>
          <HoldExtension canExtend={canExtend} extended={extended} error={extendError} />
          {failureReason && (
            <p className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800" role="alert">
              {t("pay.failedRetry", { reason: failureReason })}
            </p>
          )}
          <PriceBreakdown price={price} />
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <PayButton bookingId={bookingId} checkout={checkout} />
            <Form method="get" action={seatMapUrl.split("?")[0]}>
              <button type="submit" className="rounded-md border border-slate-400 px-5 py-2 font-semibold hover:bg-slate-100">
                {t("pay.backToSeats")}
              </button>
            </Form>
          </div>
          <noscript>
            <p className="mt-4 text-sm">{t("pay.needsJs")}</p>
          </noscript>
          {checkout.sandbox && (
            <p className="mt-4 text-xs text-slate-600">{t("pay.sandbox")}</p>
          )}
        </>
      )}
    </div>
  );
}
