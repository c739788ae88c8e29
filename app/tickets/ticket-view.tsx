import type { ReactNode } from "react";
import { useT } from "#app/i18n/context";

export type TicketFace = {
  movieTitle: string;
  detail: string;
  cinemaName: string;
  /** The cinema's street address, so the ticket alone gets a fan there (offline too). */
  cinemaAddress?: string;
  screenName: string;
  when: string;
  seats: string[];
  code: string | null;
};

/**
 * The ticket itself. `data-print-ticket` is what the print stylesheet keeps (tailwind.css): a
 * printed ticket is just this box — QR, film, cinema, screen, time, seats, code.
 */
export function TicketView({ t, qr, children }: { t: TicketFace; qr?: ReactNode; children?: ReactNode }) {
  const say = useT();
  return (
    <section className="mt-4 rounded-lg border border-slate-200 bg-white p-4" aria-label={say("ticket.label")} data-print-ticket>
      <p className="text-lg font-semibold">{t.movieTitle}</p>
      <p className="text-slate-700">{t.detail}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">{say("ticket.cinema")}</dt>
        <dd>
          {t.cinemaName}
          {t.cinemaAddress && <span className="block text-slate-700">{t.cinemaAddress}</span>}
        </dd>
        <dt className="text-slate-600">{say("ticket.screen")}</dt>
        <dd>{t.screenName}</dd>
        <dt className="text-slate-600">{say("ticket.when")}</dt>
        <dd>{t.when}</dd>
        <dt className="text-slate-600">{say("ticket.seats")}</dt>
        <dd>
          <strong>{t.seats.join(", ")}</strong>
        </dd>
        {t.code && (
          <>
            <dt className="text-slate-600">{say("ticket.code")}</dt>
            <dd>
              <strong className="font-mono text-lg tracking-widest" data-testid="booking-code">
                {t.code}
              </strong>
            </dd>
          </>
        )}
      </dl>
      {qr && <div className="mt-4 text-center">{qr}</div>}
      {children}
    </section>
  );
}
