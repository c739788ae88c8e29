import { Form, Link } from "react-router";
import { PRICE_BANDS, TIMES_OF_DAY, type CatalogueFilters } from "#app/domain/catalogue-filters";
import { useI18n } from "#app/i18n/context";

type Options = { lang?: string[]; genre?: string[]; format?: string[] };

/**
 * Filters as a GET form: the URL is the state (shareable, works without JS); with JS each change
 * submits at once. `keep` carries the city and date along.
 */
export function FilterBar({
  filters,
  options,
  keep,
  label,
  dates,
  date,
}: {
  filters: CatalogueFilters;
  options: Options;
  keep: Record<string, string>;
  label: string;
  dates?: { value: string; label: string }[];
  date?: string | null;
}) {
  const { t, money } = useI18n();
  // A band's words from its bounds: "Under ₹200", "₹200–₹350", "Over ₹350".
  const band = (p: (typeof PRICE_BANDS)[number]) =>
    p.min === 0 ? t("filter.priceBand", { key: "under", a: money(p.max + 1) }) : p.max === Number.MAX_SAFE_INTEGER ? t("filter.priceBand", { key: "over", a: money(p.min - 1) }) : t("filter.priceBand", { key: "between", a: money(p.min), b: money(p.max) });
  const select = (name: keyof CatalogueFilters, title: string, values: { value: string; label: string }[]) => (
    <label className="text-sm font-medium">
      {title}
      <select
        name={name}
        defaultValue={filters[name] ?? ""}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className="ml-1 rounded-md border border-slate-400 bg-white px-2 py-1"
      >
        <option value="">{t("filter.any")}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (xs: string[] = []) => xs.map((x) => ({ value: x, label: x }));
  const active = Object.values(filters).some(Boolean) || Boolean(date);
  const clear = new URLSearchParams(keep).toString();
  return (
    <Form method="get" aria-label={label} className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {dates && (
        <label className="text-sm font-medium">
          {t("filter.date")}
          <select name="date" defaultValue={date ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()} className="ml-1 rounded-md border border-slate-400 bg-white px-2 py-1">
            <option value="">{t("filter.anyDay")}</option>
            {dates.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {options.lang && select("lang", t("filter.language"), plain(options.lang))}
      {options.genre && select("genre", t("filter.genre"), plain(options.genre))}
      {options.format && select("format", t("filter.format"), plain(options.format))}
      {select("time", t("filter.time"), TIMES_OF_DAY.map((x) => ({ value: x.key, label: t("filter.timeOfDay", { key: x.key }) })))}
      {select("price", t("filter.price"), PRICE_BANDS.map((p) => ({ value: p.key, label: band(p) })))}
      <noscript>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1 text-sm text-white">
          {t("filter.apply")}
        </button>
      </noscript>
      {active && (
        <Link to={clear ? `?${clear}` : "?"} className="text-sm underline">
          {t("filter.clear")}
        </Link>
      )}
    </Form>
  );
}
