import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { EMAIL_TYPES } from "#app/db/schema";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { listMailbox, mailboxEnabled } from "#app/utils/mailbox.server";

export const meta: MetaFunction = () => [{ title: "Local mailbox — Marquee (dev)" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(s.config)) notFound();
  const emails = await listMailbox(s.db);
  return {
    emails: emails.map((e) => ({ ...e, to: e.to.join(", "), at: new Date(e.createdAt).toISOString().replace("T", " ").slice(0, 19) + " UTC" })),
    previews: EMAIL_TYPES,
  };
}

export default function MailboxPage() {
  const { emails, previews } = useLoaderData<typeof loader>();
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
