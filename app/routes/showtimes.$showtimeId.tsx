import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { CsrfInput } from "#app/auth/csrf-input";
import { SeatLegend, SeatMap, seatsTickedIn } from "#app/seats/seat-map";
import { Prerendered } from "#app/seats/prerendered";
import { useLiveSeats } from "#app/seats/use-live-seats";
import { bestAvailable, orphansLeftBy } from "#app/domain/best-seats";
import { SeatCount } from "#app/seats/seat-count";
import { waitParts } from "#app/domain/holds";
import { useI18n } from "#app/i18n/context";
import type { MessageId, Translate } from "#app/i18n/format";
import { requestI18n } from "#app/i18n/locale.server";
import { services } from "#app/utils/context.server";
import { placeHold } from "#app/seats/place-hold.server";
import { queuePath } from "#app/queue/rooms.server";
import { admissionTokenFrom, verifyAdmission } from "#app/queue/admission.server";
import { BOT_FIELD, botCheckWidget, formText } from "#app/auth/bot-check.server";
import { BotCheck } from "#app/auth/bot-check-widget";
import { useHydrated } from "#app/utils/use-hydrated";
import { idParam } from "#app/utils/params";
import { holdRequestSchema } from "#app/seats/validation";
import { seatIdSchema } from "#app/domain/layout-schema";
import { notFound } from "#app/utils/http.server";
import { showtimeExists } from "#app/seats/gateway.server";
import { seatMapFor } from "#app/seats/gateway.server";
import { getSessionUser } from "#app/auth/session.server";
import { pendingHoldParam, seatListQuery } from "#app/seats/pending-hold.server";
import { layoutKeyOf, loadShowtimeCached, seatLayoutOf, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { formAction } from "#app/auth/form-action.server";
import { pageMeta } from "#app/catalogue/meta";

export { retryAfterHeaders as headers } from "#app/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data, location }) =>
  data
    ? pageMeta({
        title: data.metaTitle,
        description: data.metaDescription,
        origin: data.origin,
        path: location.pathname,
        image: data.header.movie.poster,
      })
    : [{ title: "Marquee" }];

const NOTICES: Record<string, MessageId> = {
  expired: "showtime.notice.expired",
  released: "showtime.notice.released",
  too_many_seats: "showtime.notice.too_many_seats",
  showtime_started: "showtime.notice.showtime_started",
  showtime_unavailable: "showtime.notice.showtime_unavailable",
  show_limit_reached: "showtime.notice.show_limit_reached",
  rate_limited: "showtime.notice.rate_limited",
  bot_check_failed: "showtime.notice.bot_check_failed",
  shows_held_limit: "showtime.notice.shows_held_limit",
  sale_limit_reached: "showtime.notice.sale_limit_reached",
};

/** After logging in with seats picked (app/seats/pending-hold.server.ts): which were lost, which are still ticked. */
function takenNotice(t: Translate, lost: string[], kept: string[]): string {
  return t(kept.length ? "showtime.takenKeep" : "showtime.takenNone", { seats: lost.join(", "), count: lost.length });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  // A hot show's page: catalogue facts and the seat map come from this isolate's caches, so a view
  // costs one D1 read (the session) and does not queue behind the show's holds in the seat object.
  const detail = await loadShowtimeCached(s, showtimeId);
  const i18n = requestI18n(request);
  const { t } = i18n;
  const header = showtimeHeader(detail, s.now, i18n.locale);
  const user = await getSessionUser(request, s);
  // The showtime exists (its facts loaded above), so the cached map needs no second check.
  const snapshot = header.bookable ? await seatMapFor(s, showtimeId, user?.id ?? null) : null;
  const query = new URL(request.url).searchParams;
  const notice = query.get("notice");
  const pick = seatListQuery(query.get("pick"));
  const lost = seatListQuery(query.get("lost"));
  // The seat object knows whether a waiting room gates the show: no D1 read per view for it.
  const roomOpensAt = snapshot?.roomOpensAt ?? null;
  const admitted = roomOpensAt !== null && user ? (await verifyAdmission(s, admissionTokenFrom(request), { userId: user.id, showtimeId, opensAt: roomOpensAt })).ok : false;
  const metaValues = { movie: header.movie.title, cinema: header.cinema.name, when: header.when, certificate: header.movie.certificate, format: header.format, language: header.language };
  return {
    metaTitle: t("showtime.metaTitle", metaValues),
    metaDescription: t("showtime.metaDescription", metaValues),
    waitingRoom: roomOpensAt !== null && !admitted ? queuePath(showtimeId) : null,
    botCheck: roomOpensAt !== null ? await botCheckWidget(s) : null,
    header,
    layout: seatLayoutOf(detail),
    layoutKey: layoutKeyOf(detail),
    seats: (snapshot?.seats ?? {}),
    seatVersion: snapshot?.version ?? null,
    loggedIn: Boolean(user),
    maxSeats: s.config.MAX_SEATS_PER_USER,
    origin: s.config.APP_ORIGIN,
    notice: notice === "taken" && lost.length ? takenNotice(t, lost, pick) : notice && NOTICES[notice] ? t(NOTICES[notice]) : null,
    pick,
    holding: snapshot?.yourHold ? { seatIds: snapshot.yourHold.seatIds, until: i18n.time(snapshot.yourHold.expiresAt, detail.cinema.timeZone) } : null,
    cooldown: snapshot?.yourCooldownUntil ? t("showtime.cooldown", waitParts(snapshot.yourCooldownUntil - snapshot.serverNow)) : null,
  };
}

/** The limit in words a fan can act on, on the page and for screen readers. */
function limitMessage(t: Translate, max: number, ticked: number): string {
  const extra = ticked - max;
  return extra > 0 ? t("showtime.limitOver", { max, ticked, extra }) : t("showtime.limitAt", { max });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const showtimeId = idParam(params.showtimeId);
  // Not customerAction: a visitor who is not logged in takes the picked seats along to log in.
  const { s, form } = await formAction({ request, context });
  const { t } = requestI18n(request);
  const ticked = form.getAll("seat").filter((v): v is string => typeof v === "string");
  // Without JS the page is re-rendered from these: the ticks the server could use stay ticked.
  const wellFormed = ticked.filter((id) => seatIdSchema.safeParse(id).success);
  const parsed = holdRequestSchema.safeParse({ seatIds: ticked });
  if (!parsed.success) return data({ error: t("showtime.badSeats"), seats: wellFormed, location: null as string | null, locationLabel: null as string | null }, { status: 422 });
  if (!(await showtimeExists(s, showtimeId))) notFound(t("showtime.notFound"));
  const user = await getSessionUser(request, s);
  if (!user) {
    // The picked seats go with the visitor to log in (or sign up) and are held right after.
    const params = new URLSearchParams({ redirectTo: `/showtimes/${showtimeId}` });
    if (parsed.data.seatIds.length) params.set("hold", pendingHoldParam(showtimeId, parsed.data.seatIds));
    throw redirect(`/login?${params}`);
  }
  const result = await placeHold(s, { request, userId: user.id, showtimeId, seatIds: parsed.data.seatIds, botToken: formText(form, BOT_FIELD), t });
  if (!result.ok) {
    const taken = result.seats?.map((x) => x.seatId) ?? [];
    const keep = [...new Set(parsed.data.seatIds.filter((id) => !taken.includes(id)))];
    const error = result.code === "too_many_seats" ? limitMessage(t, s.config.MAX_SEATS_PER_USER, keep.length) : result.message;
    return data({ error, seats: keep, location: result.location ?? null, locationLabel: result.locationLabel ?? null }, { status: result.status, headers: result.headers });
  }
  throw redirect(`/showtimes/${showtimeId}/summary`);
}

export default function ShowtimePage() {
  const { header, layout, layoutKey, seats: initialSeats, seatVersion, loggedIn, maxSeats, notice, pick, holding, cooldown, waitingRoom, botCheck } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, money, locale } = useI18n();
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const live = useLiveSeats(header.id, initialSeats, header.bookable && hydrated);
  const yours = useMemo(() => Object.keys(initialSeats).filter((id) => initialSeats[id] === "yours"), [initialSeats]);
  const [selected, setSelected] = useState<string[]>(actionData?.seats ?? (yours.length ? yours : pick));
  const [taken, setTaken] = useState<string | null>(null);
  const [limitHit, setLimitHit] = useState(false);
  // "How many seats?" comes first: a count makes one tap take that many seats together.
  const [count, setCount] = useState<number | null>(null);
  const [wheelchair, setWheelchair] = useState(false);
  const [miss, setMiss] = useState<string | null>(null);
  // A waiting-room show takes no pick before admission: the map is shown, read-only, with the way to the queue.
  const picking = header.bookable && !waitingRoom;

  // A new answer to a submission resets the pick; the answer the page was served with is already in
  // `selected`, and re-applying it at hydration would drop seats ticked before the scripts arrived.
  const servedAction = useRef(actionData);
  useEffect(() => {
    if (actionData?.seats && actionData !== servedAction.current) setSelected(actionData.seats);
  }, [actionData]);

  // The prerendered map is plain checkboxes a fan can tick before any script runs (ADR 023). At
  // hydration, before the interactive map replaces them, those ticks become the selection.
  const mapRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const ticked = header.bookable && mapRef.current ? seatsTickedIn(mapRef.current) : null;
    if (!ticked) return;
    if (ticked.length !== selected.length || ticked.some((id) => !selected.includes(id))) setSelected(ticked);
    if (ticked.length > maxSeats) setLimitHit(true);
  }, []);

  // A seat you picked that someone else just took is dropped from your selection, and you are told.
  useEffect(() => {
    const change = live.lastChange;
    if (!change) return;
    const lost = selected.filter((id) => change.seats[id] && change.seats[id] !== "available" && change.seats[id] !== "yours");
    if (lost.length) {
      setSelected((prev) => prev.filter((id) => !lost.includes(id)));
      setTaken(t("showtime.justTaken", { seats: lost.join(", "), count: lost.length }));
    }
  }, [live.changeTick]);

  const total = selected.reduce((sum, id) => {
    const row = layout.rows.find((r) => id.startsWith(r.label) && r.cells.some((c) => c && `${r.label}${c.n}` === id));
    return sum + (row ? (header.prices[row.category] ?? 0) : 0);
  }, 0);
  const isFree = (id: string) => selected.includes(id) || (live.seats[id] ?? "available") === "available" || live.seats[id] === "yours";
  const orphans = hydrated && selected.length ? orphansLeftBy(layout, isFree, selected) : [];
  const chooseBest = () => {
    const n = count ?? 1;
    const best = bestAvailable(layout, isFree, n, { wheelchair });
    setTaken(null);
    setLimitHit(false);
    if (best) {
      setMiss(null);
      setSelected(best);
    } else setMiss(t("showtime.noBlock", { n, wheelchair: wheelchair ? "yes" : "no" }));
  };
  const message = taken ?? miss ?? (limitHit ? limitMessage(t, maxSeats, selected.length) : null) ?? actionData?.error ?? null;
  const seatMap = (
    <SeatMap
      layout={layout}
      prices={header.prices}
      states={live.seats}
      selectable={picking}
      enhanced={hydrated}
      selected={selected}
      maxSeats={maxSeats}
      count={count}
      onBlockMiss={(id) => setMiss(`${id} doesn't have ${count} free seats together beside it in its row. Tap another seat, or use Best available.`)}
      onSelectedChange={(ids) => {
        setTaken(null);
        setMiss(null);
        setLimitHit(false);
        setSelected(ids);
      }}
      onLimitReached={() => setLimitHit(true)}
    />
  );
  // Everything the no-JS map's markup depends on: the same key is the same HTML (app/seats/prerendered.tsx).
  const prerenderKey = () => `${locale}|${header.id}|${layoutKey}|${picking}|${maxSeats}|${JSON.stringify(header.prices)}|${JSON.stringify(live.seats)}|${selected.join(",")}`;

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
          {t(header.cancelled ? "showtime.cancelled" : "showtime.started")}
        </p>
      )}
      {waitingRoom && (
        <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" data-testid="waiting-room-notice">
          {t("showtime.waitingRoom")}{" "}
          <Link to={waitingRoom} className="font-semibold underline">
            {t("showtime.goToQueue")}
          </Link>
        </p>
      )}
      {(notice || cooldown) && (
        <p role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 p-3 text-sky-900">
          {[notice, cooldown].filter(Boolean).join(" ")}
        </p>
      )}
      {holding && header.bookable && (
        <p className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" data-testid="current-hold">
          {t("showtime.holding", { seats: holding.seatIds.join(", "), until: holding.until })}{" "}
          <Link to={`/showtimes/${header.id}/summary`} className="font-semibold underline">
            {t("showtime.keepSeats")}
          </Link>
        </p>
      )}
      <Form method="post" className="mt-6 rounded-lg border border-slate-200 bg-white p-2 sm:p-4" aria-labelledby="seats-heading" data-seat-version={seatVersion ?? undefined}>
        <CsrfInput />
        {botCheck && <BotCheck config={botCheck} />}
        <h2 id="seats-heading" className="mb-3 text-lg font-semibold">
          {picking ? t("showtime.pickHeading", { max: maxSeats }) : t("showtime.seatsHeading")}
        </h2>
        {picking && hydrated && (
          <SeatCount max={maxSeats} count={count} onCount={(n) => { setCount(n); setMiss(null); }} wheelchair={wheelchair} onWheelchair={setWheelchair} onBest={chooseBest} />
        )}
        <SeatLegend />
        <div role="alert" className="min-h-6" data-testid="seat-message">
          {message && (
            <p className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-800">
              {message}
              {!taken && actionData?.location && (
                <>
                  {" "}
                  <Link to={actionData.location} className="font-semibold underline">
                    {actionData.locationLabel ?? t("showtime.goToQueue")}
                  </Link>
                </>
              )}
            </p>
          )}
        </div>
        <div className="mt-4" ref={mapRef}>
          {hydrated ? seatMap : <Prerendered cacheKey={prerenderKey()}>{seatMap}</Prerendered>}
        </div>
        {orphans.length > 0 && (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900" data-testid="orphan-hint">
            {`Your pick leaves ${orphans.join(", ")} as a single empty seat, which is hard for anyone else to use. Moving one seat along avoids it.`}
          </p>
        )}
        {picking && (
          <div className="sticky bottom-0 z-20 mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-white py-3">
            <p className="text-sm" aria-live="polite">
              {hydrated
                ? selected.length
                  ? t("showtime.selection", { count: selected.length, seats: selected.join(", "), total: money(total) })
                  : t("showtime.noneSelected")
                : t("showtime.tickThenContinue")}
            </p>
            <button
              type="submit"
              disabled={hydrated && (selected.length === 0 || navigation.state !== "idle")}
              className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {t(!loggedIn ? "showtime.logInToContinue" : holding ? "showtime.updateSeats" : "showtime.continue")}
            </button>
          </div>
        )}
      </Form>
    </div>
  );
}
