import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, Button, cell, DataTable, Notice, BookingLink } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { resendDeadLetter } from "#app/admin/actions.server";
import { adminAction, adminLoader } from "#app/admin/guard.server";
import { emailJobSchema } from "#app/email/job";
import { listDeadLetters } from "#app/email/log.server";
import { idParam } from "#app/utils/params";
import { formatInstant } from "#app/domain/time";

export const meta: MetaFunction = () => [{ title: "Email problems — Marquee operator" }];

function describe(body: string) {
  try {
    const job = emailJobSchema.safeParse(JSON.parse(body));
    return job.success ? { type: job.data.type, bookingId: job.data.bookingId } : null;
  } catch {
    return null;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s } = await adminLoader(request, context, "admin");
  const rows = await listDeadLetters(s.db);
  // The console's clock is India's (every demo cinema); each time carries its zone's name.
  const at = (ms: number) => formatInstant(ms, "Asia/Kolkata");
  return { letters: rows.map((r) => ({ id: r.id, job: describe(r.body), attempts: r.attempts, received: at(r.receivedAt), resent: r.resentAt ? at(r.resentAt) : null })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const id = idParam(String(form.get("id") ?? ""));
  const result = await resendDeadLetter(s, admin, id);
  if (!result.ok) return data({ error: result.message }, { status: 409 });
  throw redirect(`/admin/emails?resent=${encodeURIComponent(id)}`);
}

export default function AdminEmails() {
  const { letters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <AdminPage title="Email problems">
      <p className="text-slate-700">Emails the queue gave up on after its retries. Re-sending puts the message back on the queue once.</p>
      {params.get("resent") && <Notice tone="success">Re-sent. It will show in the booking's email history.</Notice>}
      {actionData?.error && <Notice tone="error">{actionData.error}</Notice>}
      {letters.length === 0 ? (
        <p className="text-slate-700">No undelivered emails. 🎉</p>
      ) : (
        <DataTable caption="Dead-lettered emails" head={["Email", "Booking", "Attempts", "Failed at", ""]}>
          {letters.map((l) => (
            <tr key={l.id}>
              <td className={cell}>{l.job?.type.replaceAll("_", " ") ?? "unreadable message"}</td>
              <td className={cell}>
                {l.job ? (
                  <BookingLink id={l.job.bookingId} />
                ) : (
                  "—"
                )}
              </td>
              <td className={cell}>{l.attempts}</td>
              <td className={`${cell} whitespace-nowrap`}>{l.received}</td>
              <td className={`${cell} text-right`}>
                {l.resent ? (
                  <span className="text-sm text-slate-600">Re-sent {l.resent}</span>
                ) : l.job ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="id" value={l.id} />
                    <Button tone="secondary" aria-label={`Re-send ${l.job.type.replaceAll("_", " ")} for booking ${l.job.bookingId}`}>
                      Re-send
                    </Button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminPage>
  );
}
