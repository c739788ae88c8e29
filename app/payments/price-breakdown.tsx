import { formatRupees, type PriceBreakdown as Breakdown } from "#app/domain/pricing";

export function PriceBreakdown({ price }: { price: Breakdown }) {
  const byCategory = new Map<string, { seats: string[]; each: number }>();
  for (const line of price.lines) {
    const entry = byCategory.get(line.category) ?? { seats: [], each: line.pricePaise };
    entry.seats.push(line.seatId);
    byCategory.set(line.category, entry);
  }
  return (
    <dl className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Price breakdown">
      {[...byCategory].map(([category, { seats, each }]) => (
        <div key={category} className="flex justify-between gap-4 p-3">
          <dt>
            {category[0]}
            {category.slice(1).toLowerCase()} × {seats.length} <span className="text-sm text-slate-600">({seats.join(", ")}) at {formatRupees(each)}</span>
          </dt>
          <dd>{formatRupees(each * seats.length)}</dd>
        </div>
      ))}
      <div className="flex justify-between p-3">
        <dt>Convenience fee</dt>
        <dd>{formatRupees(price.feeAmount)}</dd>
      </div>
      <div className="flex justify-between p-3">
        <dt>GST on convenience fee (18%)</dt>
        <dd>{formatRupees(price.feeTaxAmount)}</dd>
      </div>
      <div className="flex justify-between p-3 text-lg font-bold">
        <dt>Total</dt>
        <dd>{formatRupees(price.totalAmount)}</dd>
      </div>
    </dl>
  );
}
