import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { data, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { CsrfInput } from "#app/auth/csrf-input";
import { SeatLegend, SeatMap } from "#app/seats/seat-map";
import { useLiveSeats } from "#app/seats/use-live-seats";
import { seatLayoutSchema } from "#app/domain/layout-schema";
import { formatRupees } from "#app/domain/pricing";
import { services } from "#app/utils/context.server";
import { describeRefusal, refusalStatus } from "#app/seats/refusals.server";
import { useHydrated } from "#app/utils/use-hydrated";
import { idParam } from "#app/utils/params";
import { holdRequestSchema } from "#app/seats/validation";
import { seatsOf } from "#app/seats/client.server";
import { getSessionUser } from "#app/auth/session.server";
import { loadShowtime, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { customerAction } from "#app/auth/form-action.server";
import { pageMeta } from "#app/catalogue/meta";

export const meta: MetaFunction<typeof loader> = ({ data, location }) =>
  data
    ? pageMeta({
        title: `${data.header.movie.title} at ${data.header.cinema.name}, ${data.header.when} — Marquee`,
        description: `Pick your seats for ${data.header.movie.title} (${data.header.movie.certificate}, ${data.header.format} ${data.header.language}) at ${data.header.cinema.name}, ${data.header.when}.`,
        origin: data.origin,
        path: location.pathname,
        image: data.header.movie.poster,
      })
    : [{ title: "Showtime — Marquee" }];

const NOTICES: Record<string, string> = {
  expired: "Your hold expired, so the seats went back on sale. Pick seats again.",
  released: "We released your seats.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  const detail = await loadShowtime(s, showtimeId);
  const header = showtimeHeader(detail, s.now);
  const user = await getSessionUser(request, s);
  const snapshot = header.bookable ? await seatsOf(s.env, showtimeId).snapshot(user?.id ?? null) : null;
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    header,
    layout: seatLayoutSchema.parse(detail.screen.layout),
    seats: (snapshot?.seats ?? {}),
    loggedIn: Boolean(user),
    maxSeats: s.config.MAX_SEATS_PER_USER,
    origin: s.config.APP_ORIGIN,
    notice: notice && NOTICES[notice] ? NOTICES[notice] : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const showtimeId = idParam(params.showtimeId);
  const { s, form, user } = await customerAction({ request, context });
  const parsed = holdRequestSchema.safeParse({ seatIds: form.getAll("seat") });
  if (!parsed.success) return data({ error: "Those seats don't look right. Pick seats on the map.", seats: [] as string[] }, { status: 422 });
  const result = await seatsOf(s.env, showtimeId).hold(user.id, parsed.data.seatIds);
  if (!result.ok) {
    const taken = result.refusal.code === "seats_unavailable" ? result.refusal.seats.map((x) => x.seatId) : [];
    const keep = parsed.data.seatIds.filter((id) => !taken.includes(id));
    return data({ error: describeRefusal(result.refusal), seats: keep }, { status: refusalStatus(result.refusal) });
  }
  throw redirect(`/showtimes/${showtimeId}/summary`);
}

export default function ShowtimePage() {
  const { header, layout, seats: initialSeats, loggedIn, maxSeats, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const live = useLiveSeats(header.id, initialSeats, header.bookable && hydrated);
  const yours = useMemo(() => Object.keys(initialSeats).filter((id) => initialSeats[id] === "yours"), [initialSeats]);
  const [selected, setSelected] = useState<string[]>(actionData?.seats ?? yours);
  const [taken, setTaken] = useState<string | null>(null);

  useEffect(() => {
    if (actionData?.seats) setSelected(actionData.seats);
  }, [actionData]);

  // A seat you picked that someone else just took is dropped from your selection, and you are told.
  useEffect(() => {
    const change = live.lastChange;
    if (!change) return;
    const lost = selected.filter((id) => change.seats[id] && change.seats[id] !== "available" && change.seats[id] !== "yours");
    if (lost.length) {
      setSelected((prev) => prev.filter((id) => !lost.includes(id)));
      setTaken(`${lost.join(", ")} ${lost.length === 1 ? "was" : "were"} just taken by someone else. Please pick another seat.`);
    }
  }, [live.changeTick]);

  const total = selected.reduce((sum, id) => {
    const row = layout.rows.find((r) => id.startsWith(r.label) && r.cells.some((c) => c && `${r.label}${c.n}` === id));
    return sum + (row ? (header.prices[row.category] ?? 0) : 0);
  }, 0);
  const message = taken ?? actionData?.error ?? null;

  return (
    <div>
      <p className="text-sm">
        <Link to={`/movies/${header.movie.slug}?city=${header.city.slug}`} className="underline">
          ← {header.movie.title}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{header.movie.title}</h1>
      <p className="text-slate-700">
        <Link to={`/cinemas/${header.cinema.slug}`} className="underline">
          {header.cinema.name}
        </Link>{" "}
        · {header.screen.name} · {header.when} · {header.format} · {header.language} · {header.movie.certificate} · {header.movie.runtime}
      </p>
      {!header.bookable && (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {header.cancelled ? "This show has been cancelled." : "This show has already started, so booking is closed."}
        </p>
      )}
      {notice && (
        <p role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-900">
          {notice}
        </p>
      )}
      <Form method="post" className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="seats-heading">
        <CsrfInput />
        <h2 id="seats-heading" className="mb-3 text-lg font-semibold">
          {header.bookable ? `Pick your seats (up to ${maxSeats})` : "Seats"}
        </h2>
        <SeatLegend />
        <div aria-live="polite" className="min-h-6">
          {message && (
            <p role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
              {message}
            </p>
          )}
        </div>
        <div className="mt-4">
          <SeatMap
            layout={layout}
            prices={header.prices}
            states={live.seats}
            selectable={header.bookable}
            enhanced={hydrated}
            selected={selected}
            maxSeats={maxSeats}
            onSelectedChange={(ids) => {
              setTaken(null);
              setSelected(ids);
            }}
          />
        </div>
        {header.bookable && (
          <div className="sticky bottom-0 mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-white py-3">
            <p className="text-sm" aria-live="polite">
              {hydrated
                ? selected.length
                  ? `${selected.length} seat${selected.length === 1 ? "" : "s"}: ${selected.join(", ")} · ${formatRupees(total)}`
                  : "No seats selected"
                : "Tick the seats you want, then continue."}
            </p>
            <button
              type="submit"
              disabled={hydrated && (selected.length === 0 || navigation.state !== "idle")}
              className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {loggedIn ? "Continue" : "Log in to continue"}
            </button>
          </div>
        )}
      </Form>
    </div>
  );
}
