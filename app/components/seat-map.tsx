import { categoriesBackToFront, type SeatLayout } from "#app/domain/layout";
import { formatRupees } from "#app/domain/pricing";

export type SeatState = "available" | "held" | "sold" | "yours" | "blocked";

const STATE_STYLE: Record<SeatState, string> = {
  available: "border-emerald-600 bg-white text-emerald-800",
  yours: "border-emerald-700 bg-emerald-600 text-white",
  held: "border-amber-400 bg-amber-100 text-amber-900",
  sold: "border-slate-300 bg-slate-300 text-slate-500",
  blocked: "border-slate-300 bg-slate-200 text-slate-400 line-through",
};

const STATE_LABEL: Record<SeatState, string> = {
  available: "available",
  yours: "selected by you",
  held: "held by someone else",
  sold: "sold",
  blocked: "not for sale",
};

export function SeatLegend() {
  return (
    <ul className="flex flex-wrap gap-4 text-sm" aria-label="Legend">
      {(["available", "yours", "held", "sold"] as const).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span className={`inline-block h-4 w-4 rounded border ${STATE_STYLE[s]}`} aria-hidden />
          {s === "yours" ? "Your seats" : s[0]!.toUpperCase() + s.slice(1)}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span className="inline-block h-4 w-4 rounded border border-sky-600 bg-white text-center text-[10px] leading-3 text-sky-700" aria-hidden>
          ♿
        </span>
        Wheelchair space
      </li>
    </ul>
  );
}

/** Read-only seat layout: rows from the back (top) to the front, the screen at the bottom. */
export function SeatMap({
  layout,
  prices,
  states,
}: {
  layout: SeatLayout;
  prices: Record<string, number>;
  states?: Record<string, SeatState>;
}) {
  const rowsBackToFront = [...layout.rows].reverse();
  const categoryName = new Map(layout.categories.map((c) => [c.code, c.name]));
  const order = categoriesBackToFront(layout);
  return (
    <div className="overflow-x-auto">
      <div className="inline-block min-w-full">
        {order.map((cat) => (
          <div key={cat.code} className="mb-4">
            <h3 className="border-b border-slate-200 pb-1 text-sm font-semibold text-slate-700">
              {`${cat.name} · ${formatRupees(prices[cat.code] ?? 0)}`}
            </h3>
            <table className="mt-2 border-separate border-spacing-1" aria-label={`${cat.name} seats`}>
              <tbody>
                {rowsBackToFront
                  .filter((r) => r.category === cat.code)
                  .map((row) => (
                    <tr key={row.label}>
                      <th scope="row" className="w-6 pr-2 text-right text-xs font-medium text-slate-500">
                        {row.label}
                      </th>
                      {row.cells.map((cell, i) => {
                        if (!cell) return <td key={`gap-${i}`} className="w-7" aria-hidden />;
                        const id = `${row.label}${cell.n}`;
                        const state = states?.[id] ?? "available";
                        const price = formatRupees(prices[row.category] ?? 0);
                        const kind = cell.type === "standard" ? "" : `, ${cell.type} seat`;
                        return (
                          <td key={id}>
                            <span
                              data-seat={id}
                              data-state={state}
                              title={`Row ${row.label} seat ${cell.n}`}
                              aria-label={`Row ${row.label} seat ${cell.n}, ${categoryName.get(row.category)}, ${price}${kind}, ${STATE_LABEL[state]}`}
                              className={`flex h-7 w-7 items-center justify-center rounded-t-md border text-[11px] ${STATE_STYLE[state]} ${
                                cell.type === "wheelchair" ? "border-sky-600" : ""
                              }`}
                            >
                              {cell.type === "wheelchair" ? "♿" : cell.n}
                            </span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))}
        <div className="mx-auto mt-6 max-w-md text-center" aria-label="Screen this way">
          <div className="h-2 rounded-t-full bg-gradient-to-b from-sky-300 to-sky-100" />
          <p className="mt-1 text-xs uppercase tracking-widest text-slate-500">Screen this way</p>
        </div>
      </div>
    </div>
  );
}
