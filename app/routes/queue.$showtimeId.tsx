import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useLoaderData, useRevalidator } from "react-router";
import { useEffect } from "react";
import { CsrfInput } from "#app/auth/csrf-input";
import { customerAction } from "#app/auth/form-action.server";
import { requireUser } from "#app/auth/session.server";
import { loadShowtime, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { waitEstimateParts } from "#app/domain/queue";
import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { queueFanOf, queueView } from "#app/queue/fan-status.server";
import { services } from "#app/utils/context.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: data?.metaTitle ?? "Marquee" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  const user = await requireUser(request, s);
  const detail = await loadShowtime(s, showtimeId);
  const view = await queueView(s, request, showtimeId, queueFanOf(user), { join: false });
  // No room (never, or the operator ended it): the seat map is open as usual.
  if (!view) throw redirect(`/showtimes/${showtimeId}`);
  const i18n = requestI18n(request);
  const header = showtimeHeader(detail, s.now, i18n.locale);
  const tz = detail.cinema.timeZone;
  return data(
    {
      metaTitle: i18n.t("queue.metaTitle", { movie: header.movie.title }),
      header,
      status: view.status,
      opensAtText: i18n.dateTime(view.opensAt, tz),
      opened: view.opensAt <= s.now,
      waitText: view.status.state === "waiting" ? i18n.t("queue.estimate", waitEstimateParts(view.status.etaSeconds)) : null,
      pollAfterSeconds: view.pollAfterSeconds,
    },
    { headers: [["Cache-Control", "no-store"], ...view.setCookies.map((c): [string, string] => ["Set-Cookie", c])] },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const showtimeId = idParam(params.showtimeId);
  const { s, user } = await customerAction({ request, context });
  const view = await queueView(s, request, showtimeId, queueFanOf(user), { join: true });
  if (!view) throw redirect(`/showtimes/${showtimeId}`);
  throw redirect(`/queue/${showtimeId}`, { headers: view.setCookies.map((c): [string, string] => ["Set-Cookie", c]) });
}

/** Marks where the position goes in the sentence, so the number keeps its own element in any word order. */
const MARK = "\u2063";

export default function QueuePage() {
  const { header, status, opensAtText, opened, waitText, pollAfterSeconds } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const { t } = useI18n();
  const [placeBefore = "", placeAfter = ""] = t("queue.place", { position: MARK }).split(MARK);

  // The page asks again when the server says (often near the front, seldom far back: ADR 026): a
  // meta refresh without JavaScript, a revalidation with it.
  useEffect(() => {
    if (pollAfterSeconds === null) return;
    const timer = setTimeout(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, pollAfterSeconds * 1000);
    return () => clearTimeout(timer);
  }, [pollAfterSeconds, status, revalidator]);

  return (
    <div className="mx-auto max-w-xl">
      {pollAfterSeconds !== null && (
        <noscript>
          <meta httpEquiv="refresh" content={String(pollAfterSeconds)} />
        </noscript>
      )}
      <h1 className="text-2xl font-bold">{t("queue.title")}</h1>
      <p className="mt-1 text-slate-700">
        {header.movie.title} · {header.cinema.name} · {header.when}
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-live="polite" data-testid="queue-status">
        {status.state === "not_joined" && (
          <>
            <p>{opened ? t("queue.openedNotJoined", { opens: opensAtText }) : t("queue.notJoined", { opens: opensAtText })}</p>
            <Form method="post" className="mt-4">
              <CsrfInput />
              <button type="submit" className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
                {t("queue.join")}
              </button>
            </Form>
          </>
        )}
        {status.state === "pre_queue" && (
          <p>{t("queue.preQueue", { opens: opensAtText })}</p>
        )}
        {status.state === "waiting" && (
          <>
            <p className="text-lg">
              {placeBefore}
              <strong data-testid="queue-position">{status.position}</strong>
              {placeAfter}
            </p>
            <p className="mt-1 text-slate-700">{status.paused ? t("queue.paused") : waitText}</p>
            <p className="mt-3 text-sm text-slate-600">{t("queue.keepOpen")}</p>
          </>
        )}
        {status.state === "sold_out" && (
          <p role="status">{t("queue.soldOut")}</p>
        )}
        {status.state === "admitted" && (
          <>
            <p className="text-lg font-semibold">{t("queue.turn")}</p>
            <p className="mt-1">{t("queue.turnBody")}</p>
            <Link to={`/showtimes/${header.id}`} className="mt-4 inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
              {t("queue.pick")}
            </Link>
          </>
        )}
        {status.state === "turn_passed" && <p>{t("queue.passed")}</p>}
      </div>
    </div>
  );
}
