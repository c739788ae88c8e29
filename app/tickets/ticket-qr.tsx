import { useT } from "#app/i18n/context";

/**
 * The ticket QR for the booking page: the same signed token as the confirmation email's QR, served
 * by /bookings/:id/ticket.svg (owner only). An <img> keeps the token out of the page's HTML and
 * loader data, and the browser re-fetches it (no-cache) so a cancelled ticket stops showing.
 */
export function TicketQr({ bookingId, size = 240 }: { bookingId: string; size?: number }) {
  const t = useT();
  return (
    <figure className="inline-block rounded-lg border border-slate-200 bg-white p-3 text-center">
      <img
        src={`/bookings/${encodeURIComponent(bookingId)}/ticket.svg`}
        width={size}
        height={size}
        alt={t("ticket.qrAlt", { id: bookingId })}
        className="mx-auto"
        style={{ imageRendering: "pixelated" }}
      />
      <figcaption className="mt-2 text-sm text-slate-700">{t("ticket.qrCaption")}</figcaption>
    </figure>
  );
}
