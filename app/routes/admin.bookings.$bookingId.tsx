import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, Button, cell, DataTable, Notice, Panel, StatusBadge } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field } from "#app/components/forms";
import { formatRupees } from "#app/domain/pricing";
import { formatInstant, formatShowDate, formatShowTime, zoneLabel } from "#app/domain/time";
import { refundBookingAsOperator, resendConfirmation } from "#app/admin/actions.server";
import { bookingDetail } from "#app/admin/bookings.server";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { z } from "zod";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `Booking ${data?.booking.id ?? ""} — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const bookingId = idParam(params.bookingId);
  const { s } = await adminLoader(request, context, "cinema", { booking: bookingId });
  const d = await bookingDetail(s.env, bookingId);
  if (!d) notFound("We couldn't find that booking.");
  const tz = d.timeZone;
  const at = (ms: number | null) => (ms ? formatInstant(ms, tz) : "—");
  const b = d.booking;
  return {
    booking: {
      id: b.id,
      status: b.status,
      customer: d.user,
      show: `${d.movieTitle} · ${d.cinemaName} · ${d.screenName} · ${formatShowDate(d.startsAt, tz)}, ${formatShowTime(d.startsAt, tz)} ${zoneLabel(tz, d.startsAt)}`,
      showtimeId: b.showtimeId,
      seats: d.seats.map((x) => ({ id: x.seatId, category: x.category, price: formatRupees(x.pricePaise), status: x.status })),
      amounts: { seats: formatRupees(b.seatsAmount), fee: formatRupees(b.feeAmount), tax: formatRupees(b.feeTaxAmount), total: formatRupees(b.totalAmount) },
      orderId: b.razorpayOrderId,
      paymentId: b.razorpayPaymentId,
      failureReason: b.failureReason,
      created: at(b.createdAt),
      confirmed: at(b.confirmedAt),
      cancelled: at(b.cancelledAt),
      checkedIn: at(b.checkedInAt),
    },
    payments: d.payments.map((p) => ({ id: p.id, status: p.status, amount: formatRupees(p.amount), method: p.method ?? "—", error: p.errorReason, at: at(p.createdAt) })),
    refunds: d.refunds.map((r) => ({ id: r.id, status: r.status, amount: formatRupees(r.amount), reason: r.reason, at: at(r.createdAt) })),
    emails: d.emails.map((e) => ({ id: e.id, type: e.type, status: e.status, recipient: e.recipient, attempts: e.attempts, lastError: e.lastError, at: at(e.updatedAt) })),
    webhooks: d.webhooks.map((w) => ({ id: w.id, event: w.event, received: at(w.receivedAt), processed: at(w.processedAt) })),
  };
}

const noteSchema = z.string().trim().min(3, "Say why (at least 3 characters)").max(200);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const bookingId = idParam(params.bookingId);
  const { s, admin, form } = await adminAction(request, context, "cinema", { booking: bookingId });
  const d = await bookingDetail(s.env, bookingId);
  if (!d) notFound("We couldn't find that booking.");
  const intent = form.get("intent");
  if (intent === "refund") {
    const note = noteSchema.safeParse(form.get("note") ?? "");
    if (!note.success) return data({ noteError: note.error.issues.map((i) => i.message), error: null, confirmError: null }, { status: 400 });
    // Money leaves only once the operator has ticked that they saw exactly what goes back.
    if (form.get("confirm") !== "yes") {
      return data({ noteError: null, error: null, confirmError: ["Tick the box to confirm the refund amount."] }, { status: 400 });
    }
    const result = await refundBookingAsOperator(s, admin, d.booking, note.data);
    if (!result.ok) return data({ error: result.message, noteError: null, confirmError: null }, { status: 409 });
    throw redirect(`/admin/bookings/${d.booking.id}?done=refund`);
  }
  if (intent === "resend") {
    const result = await resendConfirmation(s, admin, d.booking);
    if (!result.ok) return data({ error: result.message, noteError: null, confirmError: null }, { status: 409 });
    throw redirect(`/admin/bookings/${d.booking.id}?done=resend`);
  }
  badRequest("Unknown action.");
}

function Timeline({ title, head, rows, empty }: { title: string; head: string[]; rows: (string | number | null | undefined)[][]; empty: string }) {
  return (
    <Panel title={title}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700">{empty}</p>
      ) : (
        <DataTable caption={title} head={head}>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={cell}>
                  {typeof v === "string" && /^[A-Z_a-z]+$/.test(v) && j === 1 ? <StatusBadge status={v} /> : (v ?? "—")}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

export default function AdminBooking() {
  const { booking: b, payments, refunds, emails, webhooks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <AdminPage title={`Booking ${b.id}`} actions={<StatusBadge status={b.status} />}>
      {done === "refund" && <Notice tone="success">Refund started. The customer's seats are back on sale.</Notice>}
      {done === "resend" && <Notice tone="success">Confirmation email queued.</Notice>}
      {actionData?.error && <Notice tone="error">{actionData.error}</Notice>}
      <Panel title="Summary">
        <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-semibold">Customer</dt>
          <dd>
            {b.customer.name} · {b.customer.email}
          </dd>
          <dt className="font-semibold">Show</dt>
          <dd>{b.show}</dd>
          <dt className="font-semibold">Seats</dt>
          <dd>{b.seats.map((x) => `${x.id} (${x.category}, ${x.price}${x.status === "CONFIRMED" ? "" : `, ${x.status.toLowerCase()}`})`).join(", ")}</dd>
          <dt className="font-semibold">Amounts</dt>
          <dd>
            seats {b.amounts.seats} + fee {b.amounts.fee} + GST {b.amounts.tax} = <strong>{b.amounts.total}</strong>
          </dd>
          <dt className="font-semibold">Razorpay</dt>
          <dd className="font-mono text-xs">
            order {b.orderId ?? "—"} · payment {b.paymentId ?? "—"}
          </dd>
          <dt className="font-semibold">Timeline</dt>
          <dd>
            created {b.created} · confirmed {b.confirmed} · cancelled {b.cancelled} · checked in {b.checkedIn}
          </dd>
          {b.failureReason && (
            <>
              <dt className="font-semibold">Failure</dt>
              <dd>{b.failureReason}</dd>
            </>
          )}
        </dl>
      </Panel>
      {b.status === "CONFIRMED" && (
        <div className="grid gap-6 md:grid-cols-2">
          <Panel title="Re-send confirmation">
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="resend" />
              <p className="mb-3 text-sm text-slate-700">Emails the ticket to {b.customer.email} again.</p>
              <Button tone="secondary">Re-send confirmation</Button>
            </Form>
          </Panel>
          <Panel title="Refund">
            <Form method="post" className="space-y-3" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="refund" />
              <Field label="Reason (kept in the audit log)" errors={actionData?.noteError} inputProps={{ name: "note", required: true, minLength: 3, maxLength: 200 }} />
              <p className="text-sm text-slate-700" id="refund-effect">
                The customer gets back <strong>{b.amounts.total}</strong>: everything they paid, convenience fee and GST included. Their
                ticket stops working, the seats go back on sale, and they are emailed that the cinema cancelled.
              </p>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="confirm" value="yes" required aria-describedby="refund-effect" aria-invalid={actionData?.confirmError ? true : undefined} className="mt-1 h-4 w-4" />
                <span>Yes, refund {b.amounts.total} and cancel this booking</span>
              </label>
              {actionData?.confirmError && (
                <p className="text-sm text-red-700" role="alert">
                  {actionData.confirmError[0]}
                </p>
              )}
              <Button tone="danger">Refund {b.amounts.total}</Button>
            </Form>
          </Panel>
        </div>
      )}
      <Timeline title="Payments" head={["Payment", "Status", "Amount", "Method", "Error", "At"]} rows={payments.map((p) => [p.id, p.status, p.amount, p.method, p.error, p.at])} empty="No payment attempts recorded." />
      <Timeline title="Refunds" head={["Refund", "Status", "Amount", "Reason", "At"]} rows={refunds.map((r) => [r.id, r.status, r.amount, r.reason, r.at])} empty="No refunds." />
      <Timeline title="Webhooks" head={["Event id", "Event", "Received", "Processed"]} rows={webhooks.map((w) => [w.id, w.event, w.received, w.processed])} empty="No webhooks seen for this order." />
      <Timeline title="Emails" head={["Email", "Status", "To", "Attempts", "Last error", "Updated"]} rows={emails.map((e) => [e.type, e.status, e.recipient, e.attempts, e.lastError, e.at])} empty="No emails sent yet." />
    </AdminPage>
  );
}
