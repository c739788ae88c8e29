import { useI18n } from "#app/i18n/context";
import { requestI18n } from "#app/i18n/locale.server";
import { rootTitle } from "#app/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { useLoaderData } from "react-router";
import { services } from "#app/utils/context.server";
import { sharedTicket } from "#app/tickets/share.server";
import { TicketView } from "#app/tickets/ticket-view";
import { userError } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: rootTitle(matches, "shared.metaTitle") },
  { name: "description", content: rootTitle(matches, "shared.metaDescription") },
  // A shared link is for the person it was sent to, not for search engines.
  { name: "robots", content: "noindex" },
];

/** A shared ticket: read-only, no account data, and gone once the booking is cancelled. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const s = services(context, request);
  const token = params.token ?? "";
  const i18n = requestI18n(request);
  const shared = await sharedTicket(s, token);
  if (shared.kind === "invalid") userError(404, i18n.t("shared.invalid"));
  if (shared.kind === "revoked") userError(410, i18n.t("shared.revoked"));
  const t = shared.ticket;
  return {
    qrUrl: `/t/${encodeURIComponent(token)}/qr.svg`,
    face: {
      movieTitle: t.movieTitle,
      detail: `${t.format} · ${t.language} · ${t.certificate}`,
      cinemaName: t.cinemaName,
      screenName: t.screenName,
      when: i18n.dateTime(t.startsAt, t.timeZone),
      seats: t.seats,
      code: t.code,
    },
  };
}

export default function SharedTicketPage() {
  const { face, qrUrl } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("ticket.label")}</h1>
      <p className="mt-1 text-slate-700">{t("shared.intro")}</p>
      <TicketView
        t={face}
        qr={
          <figure className="inline-block rounded-lg border border-slate-200 bg-white p-3">
            <img src={qrUrl} width={240} height={240} alt={t("shared.qrAlt")} style={{ imageRendering: "pixelated" }} />
            <figcaption className="mt-2 text-sm text-slate-700">{t("ticket.qrCaption")}</figcaption>
          </figure>
        }
      />
    </div>
  );
}
