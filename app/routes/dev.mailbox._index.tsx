import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { CsrfInput } from "#app/auth/csrf-input";
import { EMAIL_TYPES } from "#app/domain/enums";
import { services } from "#app/utils/context.server";
import { enqueueEmail } from "#app/email/queue.server";
import { notFound } from "#app/utils/http.server";
import { listMailbox, mailboxEnabled } from "#app/email/mailbox.server";
import { formAction } from "#app/auth/form-action.server";
import { getBooking } from "#app/payments/bookings.server";

export const meta: MetaFunction = () => [{ title: "Local mailbox — Marquee (dev)" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) notFound();
  const emails = await listMailbox(s.db);
  return {
    emails: emails.map((e) => ({ ...e, to: e.to.join(", "), at: new Date(e.createdAt).toISOString().replace("T", " ").slice(0, 19) + " UTC" })),
    previews: EMAIL_TYPES,
  };
}

const enqueueSchema = z.object({ bookingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), type: z.enum(EMAIL_TYPES) });

/** Dev only: put an email for an existing booking on the real queue, exactly as the booking flow does. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!mailboxEnabled(request, services(context, request).config)) notFound();
  const { s, form } = await formAction({ request, context });
  const parsed = enqueueSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "Give a booking id and an email type." }, { status: 400 });
  const booking = await getBooking(s.env, parsed.data.bookingId);
  if (!booking) return data({ error: `No booking ${parsed.data.bookingId}.` }, { status: 404 });
  await enqueueEmail(s.env, parsed.data.type, booking.id);
  return { queued: `${parsed.data.type}:${booking.id}` };
}

export default function MailboxPage() {
  const { emails, previews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1 className="text-2xl font-bold">Local mailbox</h1>
      <p className="text-slate-700">
        Development only: with no <code>RESEND_API_KEY</code>, every email the app sends lands here instead of an inbox.
      </p>
      <section className="mt-6" aria-labelledby="inbox-heading">
        <h2 id="inbox-heading" className="text-lg font-semibold">
          Received ({emails.length})
        </h2>
        {emails.length === 0 ? (
          <p className="mt-2 text-slate-700">Nothing yet. Book a ticket and the confirmation appears here within seconds.</p>
        ) : (
          <table className="mt-2 w-full border-collapse rounded-lg border border-slate-200 bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th className="p-2">Received</th>
                <th className="p-2">To</th>
                <th className="p-2">Subject</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id} className="border-b border-slate-100">
                  <td className="whitespace-nowrap p-2 text-slate-600">{e.at}</td>
                  <td className="p-2">{e.to}</td>
                  <td className="p-2">
                    <Link className="text-rose-700 underline" to={`/dev/mailbox/${e.id}`}>
                      {e.subject}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="mt-6" aria-labelledby="enqueue-heading">
        <h2 id="enqueue-heading" className="text-lg font-semibold">
          Queue an email for a booking
        </h2>
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
          <CsrfInput />
          <label className="flex flex-col text-sm">
            Booking id
            <input name="bookingId" required className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex flex-col text-sm">
            Email type
            <select name="type" className="rounded border border-slate-300 px-2 py-1">
              {previews.map((type) => (
                <option key={type}>{type}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-rose-700 px-3 py-1 text-white">
            Queue
          </button>
        </Form>
        <p className="mt-2 text-sm text-slate-700" role="status">
          {result && "queued" in result
            ? `Queued ${result.queued}. Reload in a few seconds; an email already sent is not sent again.`
            : result && "error" in result
              ? result.error
              : null}
        </p>
      </section>
      <section className="mt-6" aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Template previews (sample booking)
        </h2>
        <ul className="mt-2 flex flex-wrap gap-3">
          {previews.map((type) => (
            <li key={type}>
              <a className="text-rose-700 underline" href={`/dev/mailbox/preview/${type}`}>
                {type}
              </a>{" "}
              (<a className="text-rose-700 underline" href={`/dev/mailbox/preview/${type}?format=text`}>text</a>)
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
