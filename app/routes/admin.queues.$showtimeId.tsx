import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "react-router";
import { useEffect } from "react";
import { AdminPage, Button, Notice, Panel, StatGrid } from "#app/admin/ui";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field } from "#app/components/forms";
import { formatShowDate, formatShowTime, localDateKey, zonedTimeToUtc } from "#app/domain/time";
import { getShowtimeDetail } from "#app/catalogue/queries.server";
import { roomOf } from "#app/queue/gateway.server";
import { endRoom, onSaleNameRefusal, openRoom, roomIsActive, roomSettings, setRoomRate } from "#app/queue/rooms.server";
import { admitRateField, waitingRoomOpenSchema } from "#app/admin/validation";
import { formConstraints } from "#app/utils/form-constraints";
import { confirmedSeatCount } from "#app/admin/sales.server";
import { notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction = () => [{ title: "Waiting room — Marquee operator" }];

const roomFields = formConstraints(waitingRoomOpenSchema);

/** A form field as the schema takes it: absent is undefined (keep what the room has), anything else as sent. */
const fieldOf = (form: FormData, name: string) => form.get(name) ?? undefined;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params.showtimeId);
  // A show's waiting room is run by whoever runs the show: an admin, or that cinema's manager.
  const { s } = await adminLoader(request, context, "cinema", { showtime: id });
  const detail = await getShowtimeDetail(s.db, id);
  if (!detail) notFound("We couldn't find that showtime.");
  const room = await roomSettings(s, id);
  const active = room?.status === "ACTIVE";
  const [stats, sold] = await Promise.all([
    active ? roomOf(s.env, id).stats() : Promise.resolve(null),
    confirmedSeatCount(s.env, id),
  ]);
  const tz = detail.cinema.timeZone;
  const when = (t: number) => `${formatShowDate(t, tz)}, ${formatShowTime(t, tz)}`;
  return data(
    {
      id,
      title: `${detail.movie.title} · ${detail.cinema.name} · ${when(detail.showtime.startsAt)}`,
      active,
      stats,
      opensAtText: stats ? when(stats.opensAt) : null,
      sold,
      cap: room && { onSale: room.onSale, ticketsPerAccount: room.ticketsPerAccount, sharedWith: room.sharedWith },
      defaults: { date: localDateKey(s.now, tz), time: "10:00", onSale: room?.onSale ?? "", ticketsPerAccount: room?.ticketsPerAccount == null ? "" : String(room.ticketsPerAccount) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.showtimeId);
  const { s, admin, form } = await adminAction(request, context, "cinema", { showtime: id });
  const detail = await getShowtimeDetail(s.db, id);
  if (!detail) notFound("We couldn't find that showtime.");
  const intent = form.get("intent");
  const room = roomOf(s.env, id);
  // Pause and rate act on an open room: on any other show they are refused and store nothing.
  // (Ending is always allowed: it is idempotent, and finishes an end that failed halfway.)
  if (intent === "pause" || intent === "resume" || intent === "rate") {
    if (!(await roomIsActive(s, id))) return data({ errors: { intent: ["This show has no open waiting room. Open one first."] } }, { status: 409 });
  }
  switch (intent) {
    case "open": {
      const parsed = waitingRoomOpenSchema.safeParse({
        date: fieldOf(form, "date"),
        time: fieldOf(form, "time"),
        rate: String(form.get("rate") ?? ""),
        onSale: fieldOf(form, "onSale"),
        ticketsPerAccount: fieldOf(form, "ticketsPerAccount"),
      });
      if (!parsed.success) return data({ errors: parsed.error.flatten().fieldErrors }, { status: 422 });
      const { onSale, ticketsPerAccount } = parsed.data;
      const refusal = onSale ? await onSaleNameRefusal(s, admin.scope, onSale) : null;
      if (refusal) return data({ errors: { onSale: [refusal] } as Record<string, string[] | undefined> }, { status: 422 });
      const opensAt = zonedTimeToUtc(parsed.data.date, parsed.data.time, detail.cinema.timeZone);
      await openRoom(s, { showtimeId: id, opensAt, admitPerMinute: parsed.data.rate, onSale, ticketsPerAccount });
      await audit(s, admin, "waiting_room.open", id, { opensAt, rate: parsed.data.rate, onSale, ticketsPerAccount });
      break;
    }
    case "pause":
    case "resume":
      await room.setPaused(intent === "pause");
      await audit(s, admin, `waiting_room.${intent}`, id);
      break;
    case "rate": {
      const parsed = admitRateField.safeParse(String(form.get("rate") ?? ""));
      if (!parsed.success) return data({ errors: { rate: parsed.error.issues.map((i) => i.message) } }, { status: 422 });
      await setRoomRate(s, id, parsed.data);
      await audit(s, admin, "waiting_room.rate", id, { rate: parsed.data });
      break;
    }
    case "end":
      await endRoom(s, id);
      await audit(s, admin, "waiting_room.end", id);
      break;
    default:
      return data({ errors: { intent: ["Unknown action."] } }, { status: 400 });
  }
  throw redirect(`/admin/queues/${id}`);
}

export default function WaitingRoomConsole() {
  const { id, title, active, stats, opensAtText, sold, cap, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string[] | undefined> = actionData?.errors ?? {};
  const revalidator = useRevalidator();

  // The live view: the counts refresh every few seconds while a room is active.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  return (
    <AdminPage title="Waiting room" actions={<p className="flex gap-3"><Link to={`/admin/showtimes/${id}`} className="underline">Back to the showtime</Link><Link to="/admin/live" className="underline">Control room</Link></p>}>
      <p className="text-slate-700">{title}</p>
      {errors.intent && <Notice tone="error">{errors.intent.join(" ")}</Notice>}
      {stats && (
        <Panel title="Live">
          <StatGrid
            label="Queue"
            stats={[
              ["Waiting", String(stats.waiting + stats.preQueue)],
              ["Admitted", String(stats.admitted)],
              ["Admission rate", `${stats.ratePerMinute}/min${stats.rateIsDerived ? " (derived)" : ""}`],
              ["Sold so far", String(sold)],
            ]}
          />
          <p className="mt-3 text-sm" data-testid="room-state">
            {!stats.opened ? `Pre-queue: opens ${opensAtText}.` : stats.soldOut ? "Sold out: admissions stopped until seats come back." : stats.paused ? "Paused." : "Admitting."}
            {stats.seatsLeft !== null && ` ${stats.seatsLeft} seats free.`}
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <Form method="post">
              <CsrfInput />
              <Button type="submit" name="intent" value={stats.paused ? "resume" : "pause"} tone="secondary">
                {stats.paused ? "Resume admissions" : "Pause admissions"}
              </Button>
            </Form>
            <Form method="post" className="flex items-end gap-2">
              <CsrfInput />
              <Field label="Fans per minute (blank: derive)" errors={errors.rate} inputProps={{ name: "rate", inputMode: "numeric", defaultValue: stats.rateIsDerived ? "" : String(stats.ratePerMinute) }} />
              <Button type="submit" name="intent" value="rate" tone="secondary">
                Change rate
              </Button>
            </Form>
            <Form method="post">
              <CsrfInput />
              <Button type="submit" name="intent" value="end" tone="danger">
                End the waiting room
              </Button>
            </Form>
          </div>
        </Panel>
      )}
      {active && cap && (
        <Panel title="Ticket cap">
          <dl className="grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4" data-testid="room-cap">
            <dt className="font-medium">On-sale</dt>
            <dd>
              {cap.onSale ? (
                <>
                  “{cap.onSale}” ({cap.sharedWith.length === 0 ? "no other show shares it yet" : `shared with ${cap.sharedWith.length} other ${cap.sharedWith.length === 1 ? "show" : "shows"}`})
                </>
              ) : (
                "This show alone"
              )}
            </dd>
            <dt className="font-medium">Tickets per account</dt>
            <dd>{cap.ticketsPerAccount === null ? "No cap across shows (only the per-show limit)" : `${cap.ticketsPerAccount} across the on-sale`}</dd>
          </dl>
          {cap.ticketsPerAccount !== null && cap.sharedWith.some((o) => o.ticketsPerAccount !== cap.ticketsPerAccount) && (
            <p className="mt-2 text-sm text-amber-800">
              Other shows of this on-sale have a different number of tickets per account: each hold is checked against its own show&apos;s number, so set the same
              number on every show.
            </p>
          )}
        </Panel>
      )}
      <Panel title={active ? "Change the opening" : "Mark as high demand"}>
        <p className="mb-3 text-sm text-slate-700">
          Fans who arrive before the opening join a pre-queue and are put in a random order at opening; later arrivals queue in order. Leave the rate blank to
          let Marquee derive it from the seats left and what the seat object serves. Shows given the same on-sale name share one cap of tickets per account
          (held + bought, across all of them); leave both blank for no cap beyond the per-show one.
        </p>
        <Form method="post" className="grid gap-3 sm:grid-cols-3">
          <CsrfInput />
          <Field label="On-sale date" errors={errors.date} inputProps={{ name: "date", type: "date", defaultValue: defaults.date, required: true }} />
          <Field label="On-sale time" errors={errors.time} inputProps={{ name: "time", type: "time", defaultValue: defaults.time, required: true }} />
          <Field label="Fans per minute (blank: derive)" errors={errors.rate} inputProps={{ name: "rate", inputMode: "numeric" }} />
          <Field
            label="On-sale name (shows that share it share the cap)"
            errors={errors.onSale}
            inputProps={{ name: "onSale", defaultValue: defaults.onSale, ...roomFields.onSale }}
          />
          <Field
            label="Tickets per account across the on-sale"
            errors={errors.ticketsPerAccount}
            inputProps={{ name: "ticketsPerAccount", type: "number", inputMode: "numeric", defaultValue: defaults.ticketsPerAccount, ...roomFields.ticketsPerAccount }}
          />
          <div className="flex items-end">
            <Button type="submit" name="intent" value="open">
              {active ? "Update" : "Open the waiting room"}
            </Button>
          </div>
        </Form>
      </Panel>
    </AdminPage>
  );
}
