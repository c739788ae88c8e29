import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { useLoaderData } from "react-router";
import { services } from "#app/utils/context.server";
import { sharedTicket } from "#app/tickets/share.server";
import { TicketView } from "#app/tickets/ticket-view";
import { userError } from "#app/utils/http.server";

export const meta: MetaFunction = () => [
  { title: "Shared ticket — Marquee" },
  { name: "description", content: "A Marquee ticket someone shared with you." },
  // A shared link is for the person it was sent to, not for search engines.
  { name: "robots", content: "noindex" },
];

/** A shared ticket: read-only, no account data, and gone once the booking is cancelled. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const token = params.token ?? "";
  const shared = await sharedTicket(s, token);
  if (shared.kind === "invalid") userError(404, "This ticket link isn't valid.");
  if (shared.kind === "revoked") userError(410, "This ticket was cancelled, so the link no longer works.");
  const t = shared.ticket;
  return {
    qrUrl: `/t/${encodeURIComponent(token)}/qr.svg`,
    face: {
      movieTitle: t.movieTitle,
      detail: `${t.format} · ${t.language} · ${t.certificate}`,
      cinemaName: t.cinemaName,
      screenName: t.screenName,
      when: `${t.date}, ${t.time}`,
      seats: t.seats,
      code: t.code,
    },
  };
}

export default function SharedTicketPage() {
  const { face, qrUrl } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">Ticket</h1>
      <p className="mt-1 text-slate-700">Someone shared this Marquee ticket with you.</p>
      <TicketView
        t={face}
        qr={
          <figure className="inline-block rounded-lg border border-slate-200 bg-white p-3">
            <img src={qrUrl} width={240} height={240} alt="Ticket QR code. Show it at the entrance." style={{ imageRendering: "pixelated" }} />
            <figcaption className="mt-2 text-sm text-slate-700">Show this code at the entrance</figcaption>
          </figure>
        }
      />
    </div>
  );
}
