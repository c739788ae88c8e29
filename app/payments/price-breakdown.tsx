import type { PriceBreakdown as Breakdown } from "#app/domain/pricing";
import { useI18n } from "#app/i18n/context";

export function PriceBreakdown({ price }: { price: Breakdown }) {
  const { t, money } = useI18n();
  const byCategory = new Map<string, { seats: string[]; each: number }>();
  for (const line of price.lines) {
    const entry = byCategory.get(line.category) ?? { seats: [], each: line.pricePaise };
    entry.seats.push(line.seatId);
    byCategory.set(line.category, entry);
  }
  return (
    <dl className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("price.label")}>
      {[...byCategory].map(([category, { seats, each }]) => (
        <div key={category} className="flex justify-between gap-4 p-3">
          <dt>
            {t("price.line", { category: `${category[0]}${category.slice(1).toLowerCase()}`, count: seats.length })}{" "}
            <span className="text-sm text-slate-600">{t("price.lineSeats", { seats: seats.join(", "), each: money(each) })}</span>
          </dt>
          <dd>{money(each * seats.length)}</dd>
        </div>
      ))}
      <div className="flex justify-between p-3">
        <dt>{t("price.fee")}</dt>
        <dd>{money(price.feeAmount)}</dd>
      </div>
      <div className="flex justify-between p-3">
        <dt>{t("price.gst")}</dt>
        <dd>{money(price.feeTaxAmount)}</dd>
      </div>
      <div className="flex justify-between p-3 text-lg font-bold">
        <dt>{t("price.total")}</dt>
        <dd>{money(price.totalAmount)}</dd>
      </div>
    </dl>
  );
}
