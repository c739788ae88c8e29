import type { ReactNode } from "react";
import type { CatalogueFilters } from "#app/domain/catalogue-filters";
import { PRICE_BANDS, TIMES_OF_DAY } from "#app/domain/catalogue-filters";
import { useI18n } from "#app/i18n/context";

/**
 * The filters on a phone: one row of chips saying what is chosen (date, language, format, time);
 * tapping it opens the full filter form, which a wider screen always shows. A checkbox and its
 * label do the opening, so it works without JavaScript, and the form is the one GET form either
 * way: the URL stays the shareable state.
 */
export function FilterChips({ filters, date, children }: { filters: CatalogueFilters; date: string | null; children: ReactNode }) {
  const { t, money } = useI18n();
  const time = TIMES_OF_DAY.find((x) => x.key === filters.time) ? t("filter.timeOfDay", { key: filters.time ?? "" }) : null;
  const band = PRICE_BANDS.find((p) => p.key === filters.price);
  const price = band ? (band.min === 0 ? t("filter.priceBand", { key: "under", a: money(band.max + 1) }) : band.max === Number.MAX_SAFE_INTEGER ? t("filter.priceBand", { key: "over", a: money(band.min - 1) }) : t("filter.priceBand", { key: "between", a: money(band.min), b: money(band.max) })) : null;
  const chips: [string, string | null | undefined][] = [
    [t("filter.date"), date],
    [t("filter.language"), filters.lang],
    [t("filter.format"), filters.format],
    [t("filter.time"), time],
  ];
  if (filters.genre) chips.push([t("filter.genre"), filters.genre]);
  if (price) chips.push([t("filter.price"), price]);
  return (
    <div className="mt-3" data-testid="filter-chips">
      <input id="filter-sheet" type="checkbox" className="peer sr-only" />
      <label htmlFor="filter-sheet" className="flex cursor-pointer gap-2 overflow-x-auto pb-1 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 sm:hidden">
        {chips.map(([name, value]) => (
          <span
            key={name}
            className={`flex min-h-11 shrink-0 items-center rounded-full border px-3 text-sm ${value ? "border-brand-600 bg-brand-50 font-semibold text-brand-700" : "border-slate-400 bg-white"}`}
          >
            {value ?? name} <span aria-hidden className="ml-1 text-xs">▾</span>
          </span>
        ))}
      </label>
      <div className="hidden peer-checked:block sm:block">{children}</div>
    </div>
  );
}
