import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, useLoaderData } from "react-router";
import { AdminPage, cell, DataTable, StatusBadge, BookingLink } from "#app/admin/ui";
import { Field } from "#app/components/forms";
import { formatRupees } from "#app/domain/pricing";
import { formatShowDate, formatShowTime, zoneLabel } from "#app/domain/time";
import { lookupBookings } from "#app/admin/bookings.server";
import { lookupSchema } from "#app/admin/validation";
import { adminLoader } from "#app/admin/guard.server";

export const meta: MetaFunction = () => [{ title: "Bookings — Marquee operator" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { s, admin } = await adminLoader(request, context, "cinema");
  const url = new URL(request.url);
  const parsed = lookupSchema.safeParse({ q: url.searchParams.get("q") ?? "", also: url.searchParams.get("also") ?? "" });
  const q = parsed.success ? parsed.data.q : "";
  const also = parsed.success ? parsed.data.also : "";
  const found = q ? await lookupBookings(s.env, s.db, q, admin.scope, also) : [];
  const needsMore = found === "needs_more";
  const rows = needsMore ? [] : found;
  return {
    q,
    also,
    needsMore,
    results: rows.map((r) => ({ id: r.booking.id, status: r.booking.status, total: formatRupees(r.booking.totalAmount), email: r.user.email, name: r.user.name, movie: r.movieTitle, cinema: r.cinemaName, when: `${formatShowDate(r.startsAt, r.timeZone)}, ${formatShowTime(r.startsAt, r.timeZone)} ${zoneLabel(r.timeZone, r.startsAt)}` })),
  };
}

export default function AdminBookings() {
  const { q, also, needsMore, results } = useLoaderData<typeof loader>();
  return (
    <AdminPage title="Bookings">
      <Form method="get" role="search" aria-label="Bookings" className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label="Booking id, Razorpay order/payment id, customer email or mobile" inputProps={{ name: "q", defaultValue: q, type: "search", required: true }} />
        </div>
        <div className="min-w-48">
          <Field label="With a mobile: booking id or customer's name" inputProps={{ name: "also", defaultValue: also, type: "search" }} />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Find
        </button>
      </Form>
      {needsMore && (
        <p role="alert" className="text-slate-700">
          A mobile number alone could show a stranger&apos;s bookings. Ask the customer for their name or booking id too.
        </p>
      )}
      {q && !needsMore && results.length === 0 && <p className="text-slate-700">No bookings match “{q}”.</p>}
      {results.length > 0 && (
        <DataTable caption="Matching bookings" head={["Booking", "Customer", "Show", "Total", "Status"]}>
          {results.map((b) => (
            <tr key={b.id}>
              <td className={cell}>
                <BookingLink id={b.id} />
              </td>
              <td className={cell}>
                {b.name}
                <span className="block text-xs text-slate-600">{b.email}</span>
              </td>
              <td className={cell}>
                {b.movie}
                <span className="block text-xs text-slate-600">
                  {b.cinema} · {b.when}
                </span>
              </td>
              <td className={cell}>{b.total}</td>
              <td className={cell}>
                <StatusBadge status={b.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </AdminPage>
  );
}
