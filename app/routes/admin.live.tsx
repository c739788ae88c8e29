import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "react-router";
import { useEffect } from "react";
import { AdminPage, Button, Notice, Panel, StatGrid } from "#app/admin/ui";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { controlRoom } from "#app/admin/live.server";
import { alertSettingsSchema } from "#app/admin/alert-settings";
import { BarChart, type Series } from "#app/admin/charts";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field } from "#app/components/forms";
import { saveAlertSettings } from "#app/observability/alerts.server";

export const meta: MetaFunction = () => [{ title: "Control room — Marquee operator" }];

/** Every active on-sale at once, the last 60 minutes (ADR 029). Admins, and managers for their cinemas. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  return data(await controlRoom(s, admin), { headers: { "Cache-Control": "no-store" } });
}

/** Alert thresholds and on-call addresses: admins only. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { s, admin, form } = await adminAction(request, context, "admin");
  const parsed = alertSettingsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ errors: parsed.error.flatten().fieldErrors as Record<string, string[] | undefined>, saved: false }, { status: 400 });
  await saveAlertSettings(s.env.DB, parsed.data, s.now);
  await audit(s, admin, "alerts.settings", "default", { ...parsed.data, onCallEmails: parsed.data.onCallEmails.length });
  return data({ errors: {} as Record<string, string[] | undefined>, saved: true });
}

const clock = (minute: number) => new Date(minute * 60_000).toISOString().slice(11, 16);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const last = (xs: number[]) => xs[xs.length - 1] ?? 0;

/** A small per-minute chart; `level`: the values are levels (a rate, a lag, a count waiting), not counts to add up. */
function Mini({ title, labels, series, format = String, level = false }: { title: string; labels: string[]; series: Series[]; format?: (n: number) => string; level?: boolean }) {
  const summary = series
    .map((s) => (level ? `${s.name}: ${format(last(s.values))} in the last minute, at most ${format(Math.max(0, ...s.values))} in 60 minutes` : `${s.name}: ${format(last(s.values))} in the last minute (${(last(s.values) / 60).toFixed(2)}/s), ${format(sum(s.values))} in 60 minutes`))
    .join("; ");
  // Axis ticks: whole numbers, but a half-step of a small axis keeps its decimal.
  const tick = (n: number) => (n % 1 !== 0 && n < 10 ? n.toFixed(1) : format(Math.round(n)));
  return <BarChart title={title} summary={summary} labels={labels} series={series} format={tick} table={<p className="text-xs text-slate-600">{summary}</p>} />;
}

export default function ControlRoom() {
  const room = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const revalidator = useRevalidator();
  // Refreshed every few seconds without a reload.
  useEffect(() => {
    const timer = setInterval(() => revalidator.state === "idle" && document.visibilityState === "visible" && revalidator.revalidate(), 5000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const labels = room.minutes.map(clock);
  const { funnel, wide } = room;

  return (
    <AdminPage title="Control room" actions={<span className="text-sm text-slate-600">Updated {new Date(room.generatedAt).toISOString().slice(11, 19)} UTC · every 5 s</span>}>
      {room.sourceError && <Notice tone="warning">Figures unavailable: {room.sourceError}</Notice>}
      {wide && wide.incidents.length > 0 && (
        <Notice tone="error">
          <ul>
            {wide.incidents.map((i) => (
              <li key={i.id}>
                <strong>{i.rule}</strong>
                {i.subject && (
                  <>
                    {" "}
                    (<Link className="underline" to={`/admin/queues/${i.subject}`}>{i.subject}</Link>)
                  </>
                )}
                : {i.detail}
              </li>
            ))}
          </ul>
        </Notice>
      )}

      <Panel title={`On-sales now (${room.rooms.length})`}>
        {room.rooms.length === 0 && <p className="text-slate-600">No waiting room is open. Open one from a showtime's page.</p>}
        <div className="space-y-6">
          {room.rooms.map((r) => (
            <div key={r.showtimeId} className="space-y-2">
              <h3 className="font-semibold">
                <Link className="underline" to={`/admin/queues/${r.showtimeId}`}>{r.title} · {r.cinema}</Link>{" "}
                <Link className="text-sm underline" to={`/admin/showtimes/${r.showtimeId}`}>showtime</Link>
              </h3>
              <StatGrid
                label={`Room ${r.showtimeId}`}
                stats={[
                  ["Waiting", String(r.stats ? r.stats.waiting + r.stats.preQueue : "—")],
                  ["Admitted", String(r.stats?.admitted ?? "—")],
                  ["Rate", r.stats ? `${r.stats.ratePerMinute}/min${r.stats.paused ? " (paused)" : ""}` : "—"],
                  ["Seats sold", String(r.sold)],
                ]}
              />
              <div className="grid gap-3 lg:grid-cols-2">
                <Mini title="Admissions and holds per minute" labels={labels} series={[{ name: "admitted", color: "#0284c7", values: r.admissions }, { name: "holds", color: "#16a34a", values: r.holds }]} />
                <Mini title="People waiting" labels={labels} series={[{ name: "waiting", color: "#a16207", values: r.waiting }]} level />
              </div>
            </div>
          ))}
        </div>
      </Panel>

      <Panel title="Holds">
        <div className="grid gap-3 lg:grid-cols-2">
          <Mini title="Holds per minute" labels={labels} series={[{ name: "placed", color: "#16a34a", values: room.holds.placed }, { name: "refused", color: "#dc2626", values: room.holds.refused }]} />
          <div>
            <h3 className="font-semibold">Refusals by reason (60 min)</h3>
            <ul className="text-sm">{room.holds.refusalsByReason.length ? room.holds.refusalsByReason.map(([reason, n]) => <li key={reason}>{reason}: {n}</li>) : <li>None.</li>}</ul>
          </div>
        </div>
      </Panel>

      <Panel title="Payments">
        <StatGrid
          label="Funnel, 60 minutes"
          columns="sm:grid-cols-6"
          stats={[
            ["Bookings", String(funnel.bookings)],
            ["Orders", String(funnel.orders)],
            ["Authorised", String(funnel.authorised)],
            ["Captured", String(funnel.captured)],
            ["Failed", String(funnel.failed)],
            ["Refunded", String(funnel.refunded)],
          ]}
        />
        <div className="mt-3 grid gap-3 lg:grid-cols-2">
          <Mini title="Payment failure rate (%)" labels={labels} series={[{ name: "failed %", color: "#dc2626", values: funnel.failureRate }]} level />
          <div>
            <h3 className="font-semibold">Failures by reason</h3>
            <ul className="text-sm">{funnel.failuresByReason.length ? funnel.failuresByReason.map(([reason, n]) => <li key={reason}>{reason}: {n}</li>) : <li>None.</li>}</ul>
            <p className="mt-2 text-sm"><Link className="underline" to="/admin/bookings">Find a booking</Link></p>
          </div>
        </div>
      </Panel>

      {wide && (
        <>
          <Panel title="Webhooks and email">
            <StatGrid
              label="Email"
              stats={[
                ["Backlog (sending or retrying)", String(wide.email.backlog)],
                ["Dead letters waiting", String(wide.email.deadLetters)],
                ["Sent, last minute", String(last(wide.email.sent))],
                ["Webhook lag p95, last minute", `${last(wide.webhookLag.p95)} s`],
              ]}
            />
            <p className="mt-2 text-sm"><Link className="underline" to="/admin/emails">Dead letters: re-send</Link></p>
            <div className="mt-3 grid gap-3 lg:grid-cols-2">
              <Mini title="Webhook lag (s)" labels={labels} series={[{ name: "p50", color: "#0284c7", values: wide.webhookLag.p50 }, { name: "p95", color: "#7c3aed", values: wide.webhookLag.p95 }]} format={(n) => n.toFixed(1)} level />
              <Mini title="Emails per minute" labels={labels} series={[{ name: "sent", color: "#16a34a", values: wide.email.sent }, { name: "retried", color: "#d97706", values: wide.email.retried }]} />
            </div>
          </Panel>
          <Panel title="Errors">
            <div className="grid gap-3 lg:grid-cols-2">
              <Mini title="D1 and Durable Object errors per minute" labels={labels} series={[{ name: "D1", color: "#dc2626", values: wide.errors.d1 }, { name: "Durable Objects", color: "#9333ea", values: wide.errors.do }]} />
              <div>
                <h3 className="font-semibold">Errors by reason (60 min)</h3>
                <ul className="text-sm">{wide.errors.byReason.length ? wide.errors.byReason.map(([reason, n]) => <li key={reason}>{reason}: {n}</li>) : <li>None.</li>}</ul>
              </div>
            </div>
          </Panel>
          <Panel title="Alerts">
            {result?.saved && <Notice tone="success">Alert settings saved.</Notice>}
            <Form method="post" className="grid gap-3 sm:grid-cols-2">
              <CsrfInput />
              <Field label="Payment failure rate over (%) for 5 minutes" errors={errors.paymentFailurePercent} inputProps={{ name: "paymentFailurePercent", type: "number", min: 1, max: 100, defaultValue: wide.settings.paymentFailurePercent, required: true }} />
              <Field label="…once at least this many payments were tried in those 5 minutes" errors={errors.paymentMinAttempts} inputProps={{ name: "paymentMinAttempts", type: "number", min: 1, max: 100000, defaultValue: wide.settings.paymentMinAttempts, required: true }} />
              <Field label="Webhook lag p95 over (seconds)" errors={errors.webhookLagP95Seconds} inputProps={{ name: "webhookLagP95Seconds", type: "number", min: 1, max: 3600, defaultValue: wide.settings.webhookLagP95Seconds, required: true }} />
              <Field label="A room admitting more fans per seat sold than" errors={errors.admitOverSellRatio} inputProps={{ name: "admitOverSellRatio", type: "number", min: 1, max: 1000, step: "0.1", defaultValue: wide.settings.admitOverSellRatio, required: true }} />
              <Field label="On-call emails (comma-separated)" errors={errors.onCallEmails} inputProps={{ name: "onCallEmails", defaultValue: wide.settings.onCallEmails.join(", ") }} />
              <Field label="Webhook URL (Slack, PagerDuty…)" errors={errors.webhookUrl} inputProps={{ name: "webhookUrl", type: "url", defaultValue: wide.settings.webhookUrl ?? "" }} />
              <div className="space-y-1 text-sm">
                <label className="flex gap-2"><input type="checkbox" name="deadLetters" defaultChecked={wide.settings.deadLetters} /> Any dead-lettered email</label>
                <label className="flex gap-2"><input type="checkbox" name="overloads" defaultChecked={wide.settings.overloads} /> Any D1 or Durable Object overload</label>
              </div>
              <div><Button type="submit">Save alert settings</Button></div>
            </Form>
          </Panel>
        </>
      )}
    </AdminPage>
  );
}
