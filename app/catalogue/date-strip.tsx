import { Link } from "react-router";
import { useI18n } from "#app/i18n/context";

export type StripDay = { key: string; weekday: string; day: string; month: string; hasShows: boolean };

/** The row of days on a movie or cinema page; days without shows stay visible but muted. */
export function DateStrip({ dates, selected, hrefFor, className = "" }: { dates: StripDay[]; selected: string; hrefFor: (key: string) => string; className?: string }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t("dates.label")} className={`flex gap-2 overflow-x-auto pb-2 ${className}`}>
      {dates.map((d) => (
        <Link
          key={d.key}
          to={hrefFor(d.key)}
          aria-current={d.key === selected ? "date" : undefined}
          className={`min-w-16 rounded-md border px-3 py-2 text-center ${
            d.key === selected
              ? "border-brand-600 bg-brand-600 text-white"
              : d.hasShows
                ? "border-slate-300 bg-white hover:border-brand-600"
                : "border-slate-200 bg-slate-100 text-slate-500"
          }`}
        >
          <span className="block text-xs uppercase">{d.weekday}</span>
          <span className="block text-lg font-bold">{d.day}</span>
          <span className="block text-xs uppercase">{d.month}</span>
        </Link>
      ))}
    </nav>
  );
}
