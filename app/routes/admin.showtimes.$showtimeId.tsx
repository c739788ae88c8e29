import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "react-router";
import { AdminPage, Button, cell, DataTable, Notice, Panel, StatGrid, StatusBadge, BookingLink } from "#app/admin/ui";
import { CsrfInput } from "#app/auth/csrf-input";
import { Field } from "#app/components/forms";
import { SeatLegend, SeatMap } from "#app/seats/seat-map";
import { useLiveSeats } from "#app/seats/use-live-seats";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { formatRupees } from "#app/domain/pricing";
import { formatShowDate, formatShowTime, zoneLabel } from "#app/domain/time";
import { cancelShowtime } from "#app/admin/actions.server";
import { salesForShowtime } from "#app/admin/sales.server";
import { showtimeBookingsForAdmin } from "#app/admin/bookings.server";
import { seatListSchema } from "#app/admin/validation";
import { adminAction, adminLoader, audit } from "#app/admin/guard.server";
import { getShowtimeDetail } from "#app/catalogue/queries.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { useHydrated } from "#app/utils/use-hydrated";
import { idParam } from "#app/utils/params";
import { seatsOf } from "#app/seats/gateway.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: `${data?.header.movie ?? "Showtime"} — Marquee operator` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idParam(params.showtimeId);
  const { s } = await adminLoader(request, context, "cinema", { showtime: id });
  const detail = await getShowtimeDetail(s.db, id);
  if (!detail) notFound("We couldn't find that showtime.");
  const [snapshot, sales, bookingRows] = await Promise.all([
    seatsOf(s.env, id).snapshot(null),
    salesForShowtime(s.env, s.db, id),
    showtimeBookingsForAdmin(s.env, id),
  ]);
  const tz = detail.cinema.timeZone;
  return {
    header: {
      id,
      movie: detail.movie.title,
      cinema: detail.cinema.name,
      screen: detail.screen.name,
      when: `${formatShowDate(detail.showtime.startsAt, tz)}, ${formatShowTime(detail.showtime.startsAt, tz)} ${zoneLabel(tz, detail.showtime.startsAt)}`,
      format: detail.showtime.format,
      language: detail.showtime.language,
      status: detail.showtime.status,
    },
    layout: seatLayoutSchema.parse(detail.screen.layout),
    prices: detail.showtime.prices,
    seats: snapshot.seats,
    sales: sales && {
      sold: sales.seatsSold,
      capacity: sales.capacity,
      occupancy: sales.occupancyPct,
      bookings: sales.bookings,
      gross: formatRupees(sales.grossPaise),
      fees: formatRupees(sales.feesPaise),
      refunds: formatRupees(sales.refundsPaise),
      net: formatRupees(sales.netPaise),
    },
    bookings: bookingRows.map(({ seatIds, ...b }) => ({ ...b, total: formatRupees(b.total), seats: seatIds.join(", ") })),
    stillConfirmed: bookingRows.filter((b) => b.status === "CONFIRMED").length,
  };
}

type ActionResult = { error?: string; seatsError?: string[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.showtimeId);
  const { s, admin, form } = await adminAction(request, context, "cinema", { showtime: id });
  const detail = await getShowtimeDetail(s.db, id);
  if (!detail) notFound("We couldn't find that showtime.");
  const intent = form.get("intent");
  if (intent === "cancel") {
    if (form.get("confirm") !== "yes") return data<ActionResult>({ error: "Tick the box to confirm the cancellation." }, { status: 400 });
    const result = await cancelShowtime(s, admin, id);
    throw redirect(`/admin/showtimes/${id}?cancelled=${result.refunded}&failed=${result.failed.length}`);
  }
  if (intent !== "block" && intent !== "unblock") badRequest("Unknown action.");
  const seats = seatListSchema.safeParse(form.get("seats") ?? "");
  if (!seats.success) return data<ActionResult>({ seatsError: seats.error.issues.map((i) => i.message) }, { status: 400 });
  const client = seatsOf(s.env, id);
  if (intent === "block") {
    const result = await client.block(seats.data);
    if (!result.ok) {
      const why = { unknown_seat: "not on this screen", held_by_other: "held by a customer", sold: "sold", blocked: "already blocked", duplicate_seat: "listed twice", show_cancelled: "in a cancelled show", over_limit: "over the per-show limit" } as const;
      return data<ActionResult>({ seatsError: result.seats.map((x) => `${x.seatId} is ${why[x.reason]}`) }, { status: 409 });
    }
  } else {
    await client.unblock(seats.data);
  }
  await audit(s, admin, `seats.${intent}`, id, { seats: seats.data });
  throw redirect(`/admin/showtimes/${id}?${intent}ed=${encodeURIComponent(seats.data.join(","))}`);
}

export default function LiveShowtime() {
  const { header, layout, prices, seats: initial, sales, bookings: bookingRows, stillConfirmed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const hydrated = useHydrated();
  const { seats, connected } = useLiveSeats(header.id, initial, hydrated);
  const blocked = Object.entries(seats).filter(([, st]) => st === "blocked").map(([id]) => id).sort();
  const counts = { held: 0, sold: 0, blocked: blocked.length };
  for (const st of Object.values(seats)) if (st === "held" || st === "yours") counts.held += 1; else if (st === "sold") counts.sold += 1;
  const cancelled = header.status === "CANCELLED";
  return (
    <AdminPage
      title={header.movie}
      actions={
        <p className="flex items-center gap-3 text-sm">
          <StatusBadge status={header.status} />
          <Link to={`/showtimes/${header.id}`} className="underline">
            Customer page
          </Link>
          <Link to={`/admin/queues/${header.id}`} className="underline">
            Waiting room
          </Link>
          <Link to="/admin/live" className="underline">
            Control room
          </Link>
        </p>
      }
    >
      <p className="text-slate-700">
        {header.cinema} · {header.screen} · {header.when} · {header.format} · {header.language}
      </p>
      {params.get("created") && <Notice tone="success">Scheduled. Customers can book it now.</Notice>}
      {params.get("blocked") && <Notice tone="success">Blocked {params.get("blocked")}.</Notice>}
      {params.get("unblocked") && <Notice tone="success">Unblocked {params.get("unblocked")}.</Notice>}
      {params.get("cancelled") !== null && (
        <Notice tone={params.get("failed") === "0" ? "success" : "warning"}>
          Showtime cancelled. {params.get("cancelled")} booking(s) sent for refund and emailed
          {params.get("failed") !== "0" ? `; ${params.get("failed")} refund(s) failed — retry below.` : "."}
        </Notice>
      )}
      {actionData?.error && <Notice tone="error">{actionData.error}</Notice>}

      {sales && (
        <Panel title="Sales">
          <StatGrid
            stats={[
              ["Seats sold", `${sales.sold} / ${sales.capacity}`],
              ["Occupancy", `${sales.occupancy}%`],
              ["Bookings", String(sales.bookings)],
              ["Gross", sales.gross],
              ["Fees (incl. GST)", sales.fees],
              ["Refunds", sales.refunds],
              ["Net", sales.net],
            ]}
          />
        </Panel>
      )}

      <Panel title="Seats, live">
        <p className="mb-2 text-sm" aria-live="polite">
          <span className={`mr-1 inline-block h-2 w-2 rounded-full ${connected ? "bg-emerald-500" : "bg-slate-400"}`} aria-hidden />
          {connected ? "Live" : hydrated ? "Connecting…" : "Snapshot (reload for the latest)"} · {counts.sold} sold · {counts.held} held · {counts.blocked} blocked
        </p>
        <SeatLegend />
        <p className="mt-1 text-sm text-slate-600">Struck-through seats are blocked (not for sale).</p>
        <div className="mt-3">
          <SeatMap layout={layout} prices={prices} states={seats} />
        </div>
        {!cancelled && (
          <Form key={params.toString()} method="post" className="mt-4 flex flex-wrap items-end gap-3" noValidate>
            <CsrfInput />
            <div className="min-w-48 flex-1">
              <Field label="Seats to block or unblock" errors={actionData?.seatsError} inputProps={{ name: "seats", placeholder: "e.g. A1, A2, H7", required: true, autoComplete: "off" }} />
            </div>
            <Button name="intent" value="block">
              Block seats
            </Button>
            <Button name="intent" value="unblock" tone="secondary">
              Unblock seats
            </Button>
          </Form>
        )}
        {blocked.length > 0 && (
          <p className="mt-3 text-sm">
            Blocked now: <span className="font-mono">{blocked.join(", ")}</span>
          </p>
        )}
      </Panel>

      <Panel title="Bookings">
        {bookingRows.length === 0 ? (
          <p className="text-sm text-slate-700">No bookings yet.</p>
        ) : (
          <DataTable caption="Bookings of this showtime" head={["Booking", "Customer", "Seats", "Total", "Status"]}>
            {bookingRows.map((b) => (
              <tr key={b.id}>
                <td className={cell}>
                  <BookingLink id={b.id} />
                </td>
                <td className={cell}>{b.email}</td>
                <td className={cell}>{b.seats}</td>
                <td className={cell}>{b.total}</td>
                <td className={cell}>
                  <StatusBadge status={b.status} />
                  {b.checkedInAt && <span className="ml-1 text-xs text-emerald-800">checked in</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>

      {(!cancelled || stillConfirmed > 0) && (
        <Panel title={cancelled ? "Finish the cancellation" : "Cancel this showtime"}>
          <p className="mb-3 text-sm text-slate-700">
            {cancelled
              ? `${stillConfirmed} booking(s) are still confirmed: their refunds did not go through. Retry them.`
              : `Cancelling stops sales, refunds every confirmed booking (${stillConfirmed}) in full and emails the customers. It cannot be undone.`}
          </p>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="confirm" value="yes" required className="h-4 w-4 accent-red-700" />
              Yes, cancel and refund everyone
            </label>
            <Button tone="danger">{cancelled ? "Retry refunds" : "Cancel showtime"}</Button>
          </Form>
        </Panel>
      )}
    </AdminPage>
  );
}
