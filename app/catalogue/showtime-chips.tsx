import { Link } from "react-router";
import type { Availability } from "#app/domain/availability";
import { useI18n } from "#app/i18n/context";

export type ShowtimeChip = {
  id: string;
  time: string;
  format: string;
  language: string;
  bookable: boolean;
  price: string;
  availability: Availability;
};

const TONE: Record<Availability, string> = {
  available: "border-emerald-600 hover:bg-emerald-50 [&_.t]:text-emerald-800",
  filling_fast: "border-amber-500 hover:bg-amber-50 [&_.t]:text-amber-800",
  almost_full: "border-orange-600 hover:bg-orange-50 [&_.t]:text-orange-800",
  sold_out: "border-slate-300 text-slate-500",
};

export function ShowtimeChips({ showtimes }: { showtimes: ShowtimeChip[] }) {
  const { t } = useI18n();
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {showtimes.map((st) => {
        const status = t("showtimes.availability", { status: st.availability });
        const details = (
          <span className="block text-xs text-slate-700">
            {st.format} · {st.language}
            {st.price && <span className="block">{st.price}</span>}
          </span>
        );
        return (
          <li key={st.id} data-showtime={st.id} data-availability={st.availability}>
            {st.bookable && st.availability !== "sold_out" ? (
              <Link
                to={`/showtimes/${st.id}`}
                className={`block rounded-md border px-3 py-1.5 text-center text-sm ${TONE[st.availability]}`}
              >
                <span className="t font-semibold">{st.time}</span>
                {details}
                {/* The chip's name is its text (axe: label-content-name-mismatch); "available" is said, not shown. */}
                {st.availability !== "available" ? <span className="t block text-xs font-semibold">{status}</span> : <span className="sr-only">{status}</span>}
              </Link>
            ) : (
              <span className="block rounded-md border border-slate-300 px-3 py-1.5 text-center text-sm text-slate-500">
                <span className={`font-semibold ${st.bookable ? "" : "line-through"}`}>{st.time}</span>
                {details}
                {st.bookable ? <span className="block text-xs font-semibold">{t("showtimes.availability", { status: "sold_out" })}</span> : <span className="sr-only">{t("showtimes.notBookable")}</span>}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** How fresh the availability is: exact for sales, blind to seats being held right now. */
export function AvailabilityNote({ asOf }: { asOf: string }) {
  const { t } = useI18n();
  return <p className="mt-2 text-xs text-slate-600">{t("showtimes.asOf", { time: asOf })}</p>;
}
