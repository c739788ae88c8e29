import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { redirect } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { CsrfInput } from "#app/auth/csrf-input";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { HoldCountdown } from "#app/seats/hold-countdown";
import { PriceBreakdown } from "#app/payments/price-breakdown";
import { services, type Services } from "#app/utils/context.server";
import { badRequest, notFound } from "#app/utils/http.server";
import { idParam } from "#app/utils/params";
import { seatsOfExisting } from "#app/seats/gateway.server";
import { requireUser } from "#app/auth/session.server";
import { bookingClosedNotice, loadShowtime, priceHold, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { customerAction } from "#app/auth/form-action.server";
import { latestBookingForShowtimeSince } from "#app/payments/bookings.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} — Marquee` }];

/**
 * No hold to sum up: either it became a booking (the back button after paying lands here) or it
 * ran out. A booking this account made for the show within one hold's longest life is where the
 * seats went; otherwise they went back on sale.
 */
async function whereTheHoldWent(s: Services, userId: string, showtimeId: string): Promise<string> {
  const recent = await latestBookingForShowtimeSince(s.env, userId, showtimeId, s.now - s.config.HOLD_CEILING_SECONDS * 1000);
  if (recent?.status === "CONFIRMED") return `/bookings/${recent.id}`;
  if (recent?.status === "PENDING_PAYMENT") return `/bookings/${recent.id}/pay`;
  return `/showtimes/${showtimeId}?notice=expired`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  const user = await requireUser(request, s);
  const detail = await loadShowtime(s, showtimeId);
  const closed = bookingClosedNotice(detail.showtime, s.now);
  if (closed) throw redirect(`/showtimes/${showtimeId}?notice=${closed}`);
  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) notFound("We couldn't find that showtime.");
  const snapshot = await seats.snapshot(user.id);
  const hold = snapshot.yourHold;
  if (!hold) throw redirect(await whereTheHoldWent(s, user.id, showtimeId));
  const changed = new URL(request.url).searchParams.get("notice") === "changed";
  const { t, locale } = requestI18n(request);
  return {
    title: t("summary.title"),
    notice: changed ? t("summary.changed") : null,
    header: showtimeHeader(detail, s.now, locale),
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
  const { header, hold, serverNow, price, notice } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("summary.title")}</h1>
      <p className="mt-1 text-slate-700">
        {header.movie.title} · {header.cinema.name} · {header.screen.name} · {header.when} · {header.format}
      </p>
      {notice && (
        <p role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-900">
          {notice}
        </p>
      )}
      <div className="mt-4">
        {/* At zero the summary asks the server again: only the seat object says whether the hold is gone. */}
        <HoldCountdown expiresAt={hold.expiresAt} serverNow={serverNow} expiredTo={`/showtimes/${header.id}/summary`} revalidateOnFocus />
      </div>
      <PriceBreakdown price={price} />
      <div className="mt-6 flex flex-wrap gap-3">
        <Form method="post" action={`/showtimes/${header.id}/pay`}>
          <CsrfInput />
          <input type="hidden" name="holdId" value={hold.holdId} />
          <button type="submit" className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            {t("summary.pay")}
          </button>
        </Form>
        {/* Changing seats keeps the hold (and its deadline); releasing ends it and starts a short cool-down. */}
        <Link
          to={`/showtimes/${header.id}`}
          className="rounded-md border border-slate-400 px-5 py-2 font-semibold hover:bg-slate-100"
          data-testid="change-seats"
        >
          {t("summary.change")}
        </Link>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="holdId" value={hold.holdId} />
          <button type="submit" name="intent" value="release" className="px-2 py-2 text-sm text-slate-700 underline">
            {t("summary.release")}
          </button>
        </Form>
      </div>
      <p className="mt-2 text-sm text-slate-600">{t("summary.changeNote")}</p>
    </div>
  );
}
