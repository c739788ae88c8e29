import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect } from "react-router";
import { Form, Link, useLoaderData, useRevalidator } from "react-router";
import { useEffect } from "react";
import { CsrfInput } from "#app/auth/csrf-input";
import { customerAction } from "#app/auth/form-action.server";
import { requireUser } from "#app/auth/session.server";
import { loadShowtime, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { describeWaitEstimate } from "#app/domain/queue";
import { formatShowDate, formatShowTime } from "#app/domain/time";
import { queueFanOf, queueView } from "#app/queue/fan-status.server";
import { services } from "#app/utils/context.server";
import { idParam } from "#app/utils/params";

export const meta: MetaFunction<typeof loader> = ({ loaderData: data }) => [{ title: data ? `Queue for ${data.header.movie.title} — Marquee` : "Queue — Marquee" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = services(context, request);
  const showtimeId = idParam(params.showtimeId);
  const user = await requireUser(request, s);
  const detail = await loadShowtime(s, showtimeId);
  const view = await queueView(s, request, showtimeId, queueFanOf(user), { join: false });
  // No room (never, or the operator ended it): the seat map is open as usual.
  if (!view) throw redirect(`/showtimes/${showtimeId}`);
  const header = showtimeHeader(detail, s.now);
  const tz = detail.cinema.timeZone;
  return data(
    {
      header,
      status: view.status,
      opensAtText: `${formatShowDate(view.opensAt, tz)}, ${formatShowTime(view.opensAt, tz)}`,
      opened: view.opensAt <= s.now,
      waitText: view.status.state === "waiting" ? describeWaitEstimate(view.status.etaSeconds) : null,
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

export default function QueuePage() {
  const { header, status, opensAtText, opened, waitText, pollAfterSeconds } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();

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
      <h1 className="text-2xl font-bold">Waiting room</h1>
      <p className="mt-1 text-slate-700">
        {header.movie.title} · {header.cinema.name} · {header.when}
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-live="polite" data-testid="queue-status">
        {status.state === "not_joined" && (
          <>
            {opened ? (
              <p>Booking for this show is open through a queue (it opened {opensAtText}): one place per account, in the order people join.</p>
            ) : (
              <p>Booking for this show opens {opensAtText} through a fair queue: one place per account, and everyone who joins before opening is put in a random order at opening.</p>
            )}
            <Form method="post" className="mt-4">
              <CsrfInput />
              <button type="submit" className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
                Join the queue
              </button>
            </Form>
          </>
        )}
        {status.state === "pre_queue" && (
          <p>
            You're in. At {opensAtText} everyone in the waiting room gets a random place in line, so there's no need to stay early or refresh. This page
            updates by itself.
          </p>
        )}
        {status.state === "waiting" && (
          <>
            <p className="text-lg">
              Your place in line: <strong data-testid="queue-position">{status.position}</strong>
            </p>
            <p className="mt-1 text-slate-700">{status.paused ? "Admissions are paused for a moment; your place is kept." : `Estimated wait: ${waitText}`}</p>
            <p className="mt-3 text-sm text-slate-600">Keep this page open, or come back: refreshing or more tabs won't lose or change your place.</p>
          </>
        )}
        {status.state === "sold_out" && (
          <p role="status">
            Every seat is taken right now. The queue is closed while it stays that way; if seats come back (unpaid holds run out), people in line are let in
            again.
          </p>
        )}
        {status.state === "admitted" && (
          <>
            <p className="text-lg font-semibold">It's your turn.</p>
            <p className="mt-1">You have a few minutes to pick your seats.</p>
            <Link to={`/showtimes/${header.id}`} className="mt-4 inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
              Pick your seats
            </Link>
          </>
        )}
        {status.state === "turn_passed" && <p>Your turn to pick seats has passed. Each account gets one turn per on-sale.</p>}
      </div>
    </div>
  );
}
