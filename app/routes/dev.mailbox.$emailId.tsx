import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { getMailboxEmail, mailboxEnabled } from "#app/email/mailbox.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `${data?.subject ?? "Email"} — Local mailbox` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  if (!mailboxEnabled(request, s.config)) notFound();
  const email = await getMailboxEmail(s.db, idParam(params.emailId));
  if (!email) notFound("No such email in the local mailbox.");
  return {
    id: email.id,
    from: email.from,
    to: email.to.join(", "),
    subject: email.subject,
    at: new Date(email.createdAt).toISOString(),
    hasHtml: email.html !== null,
    text: email.text,
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, contentId: a.contentId })),
  };
}

export default function MailboxEmailPage() {
  const e = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link className="text-rose-700 underline" to="/dev/mailbox">
          ← Local mailbox
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{e.subject}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
        <dt className="text-slate-600">From</dt>
        <dd>{e.from}</dd>
        <dt className="text-slate-600">To</dt>
        <dd>{e.to}</dd>
        <dt className="text-slate-600">Received</dt>
        <dd>{e.at}</dd>
        <dt className="text-slate-600">Attachments</dt>
        <dd>{e.attachments.map((a) => `${a.filename ?? "unnamed"} (${a.contentType ?? "?"}${a.contentId ? `, inline cid:${a.contentId}` : ""})`).join("; ") || "none"}</dd>
      </dl>
      {e.hasHtml ? (
        <section className="mt-4" aria-labelledby="html-heading">
          <h2 id="html-heading" className="text-lg font-semibold">
            HTML
          </h2>
          {/* The email's HTML is untrusted markup: an empty sandbox (no scripts, no same-origin) plus the route's CSP. */}
          <iframe title="HTML part" sandbox="" src={`/dev/mailbox/${e.id}/html`} className="mt-2 h-[900px] w-full rounded-lg border border-slate-200 bg-white" />
        </section>
      ) : null}
      <section className="mt-4" aria-labelledby="text-heading">
        <h2 id="text-heading" className="text-lg font-semibold">
          Plain text
        </h2>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{e.text ?? "(no text part)"}</pre>
      </section>
    </div>
  );
}
