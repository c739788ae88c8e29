import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { categoriesBackToFront, type SeatLayout } from "#app/domain/layout";
import { formatRupees } from "#app/domain/pricing";

import type { SeatView } from "./contract";

const STATE_STYLE: Record<SeatView, string> = {
  available: "border-emerald-600 bg-white text-emerald-800 hover:bg-emerald-50",
  yours: "border-emerald-700 bg-emerald-600 text-white",
  held: "border-amber-400 bg-amber-100 text-amber-900",
  sold: "border-slate-300 bg-slate-300 text-slate-500",
  blocked: "border-slate-300 bg-slate-200 text-slate-400 line-through",
};

const STATE_LABEL: Record<SeatView, string> = {
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

type Props = {
  layout: SeatLayout;
  prices: Record<string, number>;
  /** Statuses of seats that are not available; anything missing is available. */
  states?: Record<string, SeatView>;
  /** With `selectable`, seats are form controls named "seat". */
  selectable?: boolean;
  selected?: string[];
  onSelectedChange?: (ids: string[]) => void;
  /** After hydration, seats become toggle buttons with arrow-key navigation. */
  enhanced?: boolean;
  maxSeats?: number;
};

/** The seat layout: rows from the back (top) to the front, the screen at the bottom. */
export function SeatMap({ layout, prices, states = {}, selectable = false, selected = [], onSelectedChange, enhanced = false, maxSeats = 10 }: Props) {
  const rowsBackToFront = [...layout.rows].reverse();
  const categoryName = new Map(layout.categories.map((c) => [c.code, c.name]));
  // Formatting a price is an Intl call: once per category, not once per seat on every tap.
  const priceText = new Map(layout.categories.map((c) => [c.code, formatRupees(prices[c.code] ?? 0)]));
  const order = categoriesBackToFront(layout);
  const chosen = new Set(selected);
  const gridRef = useRef<HTMLDivElement>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (focusId) gridRef.current?.querySelector<HTMLElement>(`[data-seat="${focusId}"]`)?.focus();
  }, [focusId]);

  const rowIndex = new Map(rowsBackToFront.map((r, i) => [r.label, i]));
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const id = target.dataset.seat;
    if (!id || !["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(event.key)) return;
    event.preventDefault();
    const r = Number(target.dataset.r);
    const c = Number(target.dataset.c);
    const seatsIn = (ri: number) => [...(gridRef.current?.querySelectorAll<HTMLElement>(`[data-r="${ri}"]`) ?? [])];
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const row = seatsIn(r);
      const idx = row.findIndex((el) => el.dataset.seat === id);
      const next = row[idx + (event.key === "ArrowLeft" ? -1 : 1)];
      if (next) setFocusId(next.dataset.seat!);
      return;
    }
    const nextRow = r + (event.key === "ArrowUp" ? -1 : 1);
    const candidates = seatsIn(nextRow);
    if (!candidates.length) return;
    const nearest = candidates.reduce((best, el) => (Math.abs(Number(el.dataset.c) - c) < Math.abs(Number(best.dataset.c) - c) ? el : best));
    setFocusId(nearest.dataset.seat!);
  }

  function toggle(id: string) {
    if (!onSelectedChange) return;
    if (chosen.has(id)) onSelectedChange(selected.filter((s) => s !== id));
    else if (selected.length < maxSeats) onSelectedChange([...selected, id]);
  }
  // One stable handler for every seat button, so a tap re-renders the seats that changed, not all 400.
  const latestToggle = useRef(toggle);
  latestToggle.current = toggle;
  const onToggle = useCallback((id: string) => latestToggle.current(id), []);

  let tabStopGiven = false;
  return (
    <div className="overflow-x-auto" ref={gridRef} onKeyDown={enhanced ? onKeyDown : undefined}>
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
                      {row.cells.map((cell, col) => {
                        if (!cell) return <td key={`gap-${col}`} className="w-7" aria-hidden />;
                        const id = `${row.label}${cell.n}`;
                        const isMine = chosen.has(id);
                        const raw = states[id] ?? "available";
                        const state: SeatView = isMine ? "yours" : raw === "yours" ? "available" : raw;
                        const free = state === "available" || state === "yours";
                        const kind = cell.type === "standard" ? "" : `, ${cell.type} seat`;
                        const label = `Row ${row.label} seat ${cell.n}, ${categoryName.get(row.category)}, ${priceText.get(row.category)}${kind}, ${STATE_LABEL[state]}`;
                        const look = `flex h-7 w-7 items-center justify-center rounded-t-md border text-[11px] ${STATE_STYLE[state]} ${cell.type === "wheelchair" ? "border-sky-600" : ""}`;
                        const text = cell.type === "wheelchair" ? "♿" : cell.n;
                        const common = { "data-seat": id, "data-state": state, "data-r": rowIndex.get(row.label), "data-c": col, title: `Row ${row.label} seat ${cell.n}` };
                        if (selectable && enhanced) {
                          // One tab stop for the whole map (roving tabindex): the seat last moved to, else the first free one.
                          const tabIndex = focusId ? (focusId === id ? 0 : -1) : !tabStopGiven && free ? 0 : -1;
                          if (tabIndex === 0) tabStopGiven = true;
                          return (
                            <SeatButton
                              key={id}
                              id={id}
                              state={state}
                              row={rowIndex.get(row.label) ?? 0}
                              col={col}
                              title={common.title}
                              label={label}
                              className={`${look} ${free ? "cursor-pointer" : "cursor-not-allowed"}`}
                              pressed={isMine}
                              free={free}
                              tabIndex={tabIndex}
                              text={text}
                              onToggle={onToggle}
                            />
                          );
                        }
                        if (selectable) {
                          return (
                            <td key={id}>
                              <label {...common} className={`${look} relative cursor-pointer has-[:checked]:bg-emerald-600 has-[:checked]:text-white`}>
                                <input type="checkbox" name="seat" value={id} disabled={!free} defaultChecked={isMine} aria-label={label} className="absolute inset-0 cursor-pointer opacity-0" />
                                {text}
                              </label>
                            </td>
                          );
                        }
                        return (
                          <td key={id}>
                            <span {...common} aria-label={label} className={look}>
                              {text}
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
      {selectable && enhanced && selected.map((id) => <input key={id} type="hidden" name="seat" value={id} />)}
    </div>
  );
}

type SeatButtonProps = {
  id: string;
  state: SeatView;
  row: number;
  col: number;
  title: string;
  label: string;
  className: string;
  pressed: boolean;
  free: boolean;
  tabIndex: number;
  text: string | number;
  onToggle: (id: string) => void;
};

const SeatButton = memo(function SeatButton({ id, state, row, col, title, label, className, pressed, free, tabIndex, text, onToggle }: SeatButtonProps) {
  return (
    <td>
      <button
        type="button"
        data-seat={id}
        data-state={state}
        data-r={row}
        data-c={col}
        title={title}
        aria-pressed={pressed}
        aria-label={label}
        aria-disabled={!free}
        tabIndex={tabIndex}
        onClick={() => free && onToggle(id)}
        className={className}
      >
        {text}
      </button>
    </td>
  );
});
