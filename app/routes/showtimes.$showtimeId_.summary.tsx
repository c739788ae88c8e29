import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { redirect } from "@remix-run/cloudflare";
import { Form, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "#app/auth/csrf-input";
import { HoldCountdown } from "#app/seats/hold-countdown";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import { services } from "#app/utils/context.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { seatsOfExisting } from "#app/seats/client.server";
import { requireUser } from "#app/auth/session.server";
import { loadShowtime, priceHold, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { customerAction } from "#app/auth/form-action.server";

export const meta: MetaFunction = () => [{ title: "Booking summary — Marquee" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  const user = await requireUser(request, s);
  const detail = await loadShowtime(s, showtimeId);
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) notFound("We couldn't find that showtime.");
  const snapshot = await seats.snapshot(user.id);
  const hold = snapshot.yourHold;
  if (!hold) throw redirect(`/showtimes/${showtimeId}?notice=expired`);
  return {
    header: showtimeHeader(detail, s.now),
    hold: { holdId: hold.holdId, seatIds: hold.seatIds, expiresAt: hold.expiresAt },
    serverNow: snapshot.serverNow,
    price: priceHold(detail, hold.seatIds, s.config.CONVENIENCE_FEE_PAISE_PER_SEAT),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const showtimeId = idParam(params.showtimeId);
  const { s, form, user } = await customerAction({ request, context });
  const holdId = String(form.get("holdId") ?? "");
  if (form.get("intent") !== "release" || !holdId) badRequest("Unknown action.");
  // Releasing is idempotent for the user: a hold that already expired needs no release.
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) notFound("We couldn't find that showtime.");
  await seats.release(user.id, holdId);
  throw redirect(`/showtimes/${showtimeId}?notice=released`);
}

export default function SummaryPage() {
  const { header, hold, serverNow, price } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">Booking summary</h1>
      <p className="mt-1 text-slate-700">
        {header.movie.title} · {header.cinema.name} · {header.screen.name} · {header.when} · {header.format}
      </p>
      <div className="mt-4">
        <HoldCountdown expiresAt={hold.expiresAt} serverNow={serverNow} expiredTo={`/showtimes/${header.id}?notice=expired`} />
      </div>
      <PriceBreakdown price={price} />
      <div className="mt-6 flex flex-wrap gap-3">
        <Form method="post" action={`/showtimes/${header.id}/pay`}>
          <CsrfInput />
          <input type="hidden" name="holdId" value={hold.holdId} />
          <button type="submit" className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            Proceed to pay
          </button>
        </Form>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="holdId" value={hold.holdId} />
          <button type="submit" name="intent" value="release" className="rounded-md border border-slate-400 px-5 py-2 font-semibold hover:bg-slate-100">
            Change seats
          </button>
        </Form>
      </div>
    </div>
  );
}
