import { memo, useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { categoriesBackToFront, type SeatLayout } from "#app/domain/layout";
import { blockFromTap } from "#app/domain/best-seats";
import { useI18n } from "#app/i18n/context";
import type { MessageId, Translate } from "#app/i18n/format";

import type { SeatView } from "./contract";

// Colours and sizes live in app/tailwind.css (.seat, .seat-swatch, .seat-gap): one class per seat.

const LEGEND_TEXT: Record<SeatView, MessageId> = {
  available: "seatMap.available",
  yours: "seatMap.yours",
  held: "seatMap.held",
  sold: "seatMap.sold",
  blocked: "seatMap.blocked",
};

export function SeatLegend() {
  const { t } = useI18n();
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label={t("seatMap.legend")}>
      {(["available", "yours", "held", "sold", "blocked"] as const).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span className="seat-swatch inline-block h-4 w-4 rounded border" data-state={s} aria-hidden />
          {t(LEGEND_TEXT[s])}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span className="seat-swatch inline-block h-4 w-4 rounded border text-center text-[10px] leading-3" data-state="available" data-type="wheelchair" aria-hidden>
          ♿
        </span>
        {t("seatMap.wheelchair")}
      </li>
      <li className="flex items-center gap-1.5">
        <span className="seat-swatch inline-block h-4 w-4 rounded border" data-state="available" data-type="companion" aria-hidden />
        {t("seatMap.companion")}
      </li>
      <li className="flex items-center gap-1.5">
        <span className="seat-gap inline-block h-4 w-4 rounded" data-gap="missing" aria-hidden />
        {t("seatMap.gap")}
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
  /** Called when a click would go past `maxSeats`, so the page can say why nothing happened. */
  onLimitReached?: () => void;
  /** After hydration, seats become toggle buttons with arrow-key navigation, zoom and pan. */
  enhanced?: boolean;
  maxSeats?: number;
  /**
   * How many seats the fan wants. Set, a tap takes that many seats together around the tapped one
   * (app/domain/best-seats.ts) in place of the pick; unset, a tap toggles one seat.
   */
  count?: number | null;
  /** Called when a tap finds fewer than `count` free seats together around the tapped seat. */
  onBlockMiss?: (seatId: string) => void;
};

/** Seat sizes in px. Before hydration the map scrolls sideways at NO_JS_SEAT; zoomed in, a seat is a ≥ 44 px target. */
const NO_JS_SEAT = 28;
const TOUCH_SEAT = 44;
/** Fitted seats stop growing here: bigger would push the screen marker below a laptop fold. */
const FIT_MAX = 36;
const MAX_SEAT = 56;
const MIN_SEAT = 5;
const GAP = 2;
const LABEL = 20;

/** The seat size at which `cols` columns (plus the row labels on both sides) fill `width`. */
function fitSize(width: number, cols: number): number {
  return Math.max(MIN_SEAT, Math.min(FIT_MAX, Math.floor((width - 2 * LABEL - (cols + 3) * GAP) / cols)));
}

/**
 * The seats ticked on the no-JS map inside `root` (plain checkboxes, usable from the first paint), or
 * null when `root` holds no such map. Read when JS takes over, so a pick made before is not lost.
 */
export function seatsTickedIn(root: HTMLElement): string[] | null {
  const boxes = root.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="seat"]');
  return boxes.length ? [...boxes].filter((el) => el.checked).map((el) => el.value) : null;
}

/**
 * A gap in a row is a missing seat when the seat numbers skip across it (E3, gap, E5), and an
 * aisle when they run on (C9, gap, gap, C10); past the row's last seat it is just the row's end.
 */
export function gapKind(cells: readonly ({ n: number } | null)[], col: number): "missing" | "aisle" {
  let before = 0;
  for (let i = col - 1; i >= 0; i--) {
    const c = cells[i];
    if (c) {
      before = c.n;
      break;
    }
  }
  for (let i = col + 1; i < cells.length; i++) {
    const c = cells[i];
    if (c) return c.n - before > 1 ? "missing" : "aisle";
  }
  return "aisle";
}

/** Below this map width a phone is assumed: the map opens at a size a finger can hit. */
const PHONE_WIDTH = 640;

/** Zoom steps from "whole row on screen" to "comfortable to touch". */
function zoomSteps(fit: number): number[] {
  const steps = [fit];
  for (const s of [Math.round((fit + TOUCH_SEAT) / 2), TOUCH_SEAT, MAX_SEAT]) if (s > steps[steps.length - 1]! + 3) steps.push(s);
  return steps;
}

/**
 * The seat layout: rows from the back (top) to the front, the screen marker below, outside the
 * scrolled area so it is always in view. Row letters stick to both edges while panning.
 */
export function SeatMap({ layout, prices, states = {}, selectable = false, selected = [], onSelectedChange, onLimitReached, enhanced = false, maxSeats = 10, count = null, onBlockMiss }: Props) {
  const { t, money } = useI18n();
  const rowsBackToFront = [...layout.rows].reverse();
  const categoryName = new Map(layout.categories.map((c) => [c.code, c.name]));
  // Formatting a price is an Intl call: once per category, not once per seat on every tap.
  const priceText = new Map(layout.categories.map((c) => [c.code, money(prices[c.code] ?? 0)]));
  const order = categoriesBackToFront(layout);
  const chosen = new Set(selected);
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = gridRef;
  const [focusId, setFocusId] = useState<string | null>(null);
  const cols = Math.max(...layout.rows.map((r) => r.cells.length));

  const [fit, setFit] = useState<number | null>(null);
  const [size, setSize] = useState<number | null>(null);
  const [overflow, setOverflow] = useState({ left: false, right: false });
  const seat = enhanced && size ? size : NO_JS_SEAT;

  useEffect(() => {
    if (!enhanced || !scrollRef.current) return;
    const el = scrollRef.current;
    let lastFit: number | null = null;
    const measure = () => {
      const f = fitSize(el.clientWidth, cols);
      // A phone opens the map at a size a finger can hit (Fit shows the whole house); a fan who had
      // zoomed keeps their zoom on rotate; one at "fit" stays fitted.
      const opening = el.clientWidth < PHONE_WIDTH ? Math.max(f, TOUCH_SEAT) : f;
      setSize((cur) => (cur === null ? opening : cur === lastFit ? f : Math.max(cur, f)));
      setFit(f);
      lastFit = f;
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [enhanced, cols]);

  const updateOverflow = () => {
    const el = scrollRef.current;
    if (!el) return;
    const left = el.scrollLeft > 2;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 2;
    // Every scroll event and every tap's touchend land here: only a real change may re-render the map.
    setOverflow((cur) => (cur.left === left && cur.right === right ? cur : { left, right }));
  };
  useEffect(updateOverflow, [seat]);

  // Opened zoomed in on a phone: start at the middle of the house, not its left edge.
  const centred = useRef(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!enhanced || !el || size === null || centred.current) return;
    centred.current = true;
    el.scrollLeft = (el.scrollWidth - el.clientWidth) / 2;
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  }, [enhanced, size]);

  // Zoom about a point (the middle of the view, or a tapped seat), so what you were looking at stays in front of you.
  const zoomTo = (next: number, about?: HTMLElement) => {
    const el = scrollRef.current;
    if (!el || fit === null) return;
    const clamped = Math.max(fit, Math.min(MAX_SEAT, next));
    const ratio = clamped / seat;
    const box = el.getBoundingClientRect();
    const at = about?.getBoundingClientRect();
    const cx = el.scrollLeft + (at ? at.left - box.left + at.width / 2 : el.clientWidth / 2);
    const cy = el.scrollTop + (at ? at.top - box.top + at.height / 2 : el.clientHeight / 2);
    setSize(clamped);
    requestAnimationFrame(() => {
      el.scrollLeft = cx * ratio - el.clientWidth / 2;
      el.scrollTop = cy * ratio - el.clientHeight / 2;
      updateOverflow();
    });
  };
  const steps = fit === null ? [] : zoomSteps(fit);
  const zoomIn = () => zoomTo(steps.find((s) => s > seat + 1) ?? MAX_SEAT);
  const zoomOut = () => zoomTo([...steps].reverse().find((s) => s < seat - 1) ?? fit ?? seat);

  // A finger on a seat smaller than a fingertip zooms to it first: the next tap lands on a 44 px seat.
  // Pinch is the browser's own (touch-action below); one finger pans the map.
  const lastPointer = useRef<string>("mouse");

  useEffect(() => {
    if (!focusId) return;
    const el = gridRef.current?.querySelector<HTMLElement>(`[data-seat="${focusId}"]`);
    el?.focus();
    el?.scrollIntoView({ block: "nearest", inline: "nearest" });
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
    if (lastPointer.current === "touch" && seat < TOUCH_SEAT) {
      const el = gridRef.current?.querySelector<HTMLElement>(`[data-seat="${id}"]`);
      zoomTo(TOUCH_SEAT, el ?? undefined);
      return;
    }
    if (count) {
      // A tap on a seat of the pick starts over; elsewhere it takes `count` seats together there.
      if (chosen.has(id)) return onSelectedChange([]);
      const free = (s: string) => chosen.has(s) || (states[s] ?? "available") === "available" || states[s] === "yours";
      const block = blockFromTap(layout, free, id, Math.min(count, maxSeats));
      if (block) onSelectedChange(block);
      else onBlockMiss?.(id);
      return;
    }
    if (chosen.has(id)) onSelectedChange(selected.filter((s) => s !== id));
    else if (selected.length < maxSeats) onSelectedChange([...selected, id]);
    else onLimitReached?.();
  }
  // One stable handler for every seat button, so a tap re-renders the seats that changed, not all 400.
  const latestToggle = useRef(toggle);
  latestToggle.current = toggle;
  const onToggle = useCallback((id: string) => latestToggle.current(id), []);

  // Sizes are CSS variables on the map: zooming re-renders no seat.
  const sizeVars = { "--seat-size": `${seat}px`, "--seat-font": `${Math.max(8, Math.min(13, Math.round(seat * 0.42)))}px` } as CSSProperties;
  // One tab stop for the whole map (roving tabindex): the seat last moved to, else the first free one.
  const seatRow = new Map<string, string>();
  let tabStop: string | null = focusId;
  // In the order the map draws them: categories from the back, rows from the back within each.
  for (const row of order.flatMap((cat) => rowsBackToFront.filter((r) => r.category === cat.code))) {
    for (const cell of row.cells) {
      if (!cell) continue;
      const id = `${row.label}${cell.n}`;
      seatRow.set(id, row.label);
      const raw = states[id] ?? "available";
      if (tabStop === null && (chosen.has(id) || raw === "available" || raw === "yours")) tabStop = id;
    }
  }
  const tabStopRow = tabStop ? seatRow.get(tabStop) : undefined;
  return (
    <div className="relative" data-testid="seat-map">
      {enhanced && (
        <div className="mb-2 flex items-center justify-end gap-2" role="group" aria-label={t("seatMap.zoomGroup")}>
          <button type="button" onClick={zoomOut} disabled={fit === null || seat <= (fit ?? 0)} className="h-11 w-11 rounded-md border border-slate-400 text-xl font-bold disabled:opacity-40" aria-label={t("seatMap.zoomOut")}>
            −
          </button>
          <button type="button" onClick={zoomIn} disabled={seat >= MAX_SEAT} className="h-11 w-11 rounded-md border border-slate-400 text-xl font-bold disabled:opacity-40" aria-label={t("seatMap.zoomIn")}>
            +
          </button>
          <button type="button" onClick={() => fit !== null && zoomTo(fit)} disabled={fit === null || seat === fit} className="h-11 rounded-md border border-slate-400 px-3 text-sm font-semibold disabled:opacity-40">
            {t("seatMap.fit")}
          </button>
        </div>
      )}
      <div className="relative">
        <div
          ref={gridRef}
          className="max-h-[65vh] overflow-auto overscroll-contain lg:max-h-none"
          onScroll={updateOverflow}
          onKeyDown={enhanced ? onKeyDown : undefined}
          onPointerDown={enhanced ? (e) => (lastPointer.current = e.pointerType) : undefined}
          data-seat-size={seat}
          // "manipulation": one finger pans the map, two pinch-zoom (the browser's own), no double-tap delay.
          style={{ touchAction: "manipulation", ...sizeVars }}
        >
          <div className="mx-auto w-max">
            {order.map((cat) => (
              <div key={cat.code} className="mb-3">
                <h3 className="sticky left-0 w-fit border-b border-slate-200 pb-1 text-sm font-semibold text-slate-700">
                  {t("seatMap.categoryHeading", { category: cat.name, price: priceText.get(cat.code) ?? "" })}
                </h3>
                <table className="mt-1" style={{ borderCollapse: "separate", borderSpacing: GAP }} aria-label={t("seatMap.categorySeats", { category: cat.name })}>
                  <tbody>
                    {rowsBackToFront
                      .filter((r) => r.category === cat.code)
                      .map((row) => (
                        <SeatRow
                          key={row.label}
                          row={row}
                          rowIndex={rowIndex.get(row.label) ?? 0}
                          cols={cols}
                          mode={!selectable ? "static" : enhanced ? "buttons" : "checkboxes"}
                          states={states}
                          picked={selected.filter((id) => seatRow.get(id) === row.label).join(",")}
                          tabStop={tabStopRow === row.label ? tabStop : null}
                          categoryName={categoryName.get(row.category) ?? ""}
                          priceText={priceText.get(row.category) ?? ""}
                          numbers={seat >= 14}
                          onToggle={onToggle}
                          t={t}
                        />
                      ))}
                  </tbody>
                </table>
              </div>
            ))}
          </div>
        </div>
        {/* Fades say "there is more this way"; the text says it for those who cannot see the fade. */}
        {overflow.left && <div className="pointer-events-none absolute inset-y-0 left-0 w-6 bg-gradient-to-r from-slate-400/40 to-transparent" aria-hidden />}
        {overflow.right && <div className="pointer-events-none absolute inset-y-0 right-0 w-6 bg-gradient-to-l from-slate-400/40 to-transparent" aria-hidden />}
      </div>
      {(enhanced ? overflow.left || overflow.right : cols > 11) && (
        <p className="mt-1 text-center text-xs text-slate-600" data-testid="more-seats-hint">
          {t(enhanced ? "seatMap.moreSeats" : "seatMap.scrollSideways")}
        </p>
      )}
      <div className="mx-auto mt-4 max-w-md text-center" aria-label={t("seatMap.screen")}>
        <div className="h-2 rounded-t-full bg-gradient-to-b from-sky-300 to-sky-100" />
        <p className="mt-1 text-xs uppercase tracking-widest text-slate-500">{t("seatMap.screen")}</p>
      </div>
      {selectable && enhanced && selected.map((id) => <input key={id} type="hidden" name="seat" value={id} />)}
    </div>
  );
}

const LABEL_CELL = "sticky z-10 bg-white px-1 text-center text-xs font-medium text-slate-500";

type SeatRowProps = {
  row: SeatLayout["rows"][number];
  rowIndex: number;
  cols: number;
  /** Buttons once hydrated on the booking page; plain checkboxes before; read-only elsewhere. */
  mode: "buttons" | "checkboxes" | "static";
  states: Record<string, SeatView>;
  /** This row's picked seats, comma-joined: a tap changes this string for one row only. */
  picked: string;
  tabStop: string | null;
  categoryName: string;
  priceText: string;
  numbers: boolean;
  onToggle: (id: string) => void;
  t: Translate;
};

/** A row re-renders only when something in it changed, so a tap costs one row of 20 seats, not the map. */
const SeatRow = memo(function SeatRow({ row, rowIndex, cols, mode, states, picked, tabStop, categoryName, priceText, numbers, onToggle, t }: SeatRowProps) {
  const mine = new Set(picked ? picked.split(",") : []);
  return (
    <tr>
      <th scope="row" className={`${LABEL_CELL} left-0`} style={{ width: LABEL, minWidth: LABEL }}>
        {row.label}
      </th>
      {Array.from({ length: cols }, (_, col) => {
        const cell = row.cells[col] ?? null;
        if (!cell) {
          return (
            <td key={`gap-${col}`} aria-hidden>
              <span className="seat-gap" data-gap={gapKind(row.cells, col)} />
            </td>
          );
        }
        const id = `${row.label}${cell.n}`;
        const isMine = mine.has(id);
        const raw = states[id] ?? "available";
        const state: SeatView = isMine ? "yours" : raw === "yours" ? "available" : raw;
        const free = state === "available" || state === "yours";
        const describe = (shown: SeatView) => t("seatMap.seatLabel", { row: row.label, n: cell.n, category: categoryName, price: priceText, type: cell.type, state: shown });
        const type = cell.type === "standard" ? undefined : cell.type;
        const text = cell.type === "wheelchair" ? "♿" : numbers ? cell.n : "";
        const title = t("seatMap.seatTitle", { row: row.label, n: cell.n });
        if (mode === "buttons") {
          return (
            <SeatButton
              key={id}
              id={id}
              state={state}
              type={type}
              row={rowIndex}
              col={col}
              title={title}
              label={describe(state)}
              pressed={isMine}
              free={free}
              tabIndex={tabStop === id ? 0 : -1}
              text={text}
              onToggle={onToggle}
            />
          );
        }
        if (mode === "checkboxes") {
          // A checkbox says "ticked" itself, so its name leaves "selected by you" out; its look follows
          // :checked (app/tailwind.css), so unticking a seat of your hold shows at once.
          const shown = free ? "available" : state;
          return (
            <td key={id}>
              <label data-seat={id} data-state={state} data-type={type} title={title} className="seat">
                <input type="checkbox" name="seat" value={id} disabled={!free} defaultChecked={isMine} aria-label={describe(shown)} />
                {text}
              </label>
            </td>
          );
        }
        return (
          <td key={id}>
            <span data-seat={id} data-state={state} data-type={type} title={title} aria-label={describe(state)} className="seat">
              {text}
            </span>
          </td>
        );
      })}
      <td aria-hidden className={`${LABEL_CELL} right-0`} style={{ width: LABEL, minWidth: LABEL }}>
        {row.label}
      </td>
    </tr>
  );
});

type SeatButtonProps = {
  id: string;
  state: SeatView;
  type: string | undefined;
  row: number;
  col: number;
  title: string;
  label: string;
  pressed: boolean;
  free: boolean;
  tabIndex: number;
  text: string | number;
  onToggle: (id: string) => void;
};

/** Every prop is a primitive, so a tap re-renders the one or two seats whose props changed. */
const SeatButton = memo(function SeatButton({ id, state, type, row, col, title, label, pressed, free, tabIndex, text, onToggle }: SeatButtonProps) {
  return (
    <td>
      <button
        type="button"
        data-seat={id}
        data-state={state}
        data-type={type}
        data-r={row}
        data-c={col}
        title={title}
        aria-pressed={pressed}
        aria-label={label}
        aria-disabled={!free}
        tabIndex={tabIndex}
        onClick={() => free && onToggle(id)}
        className="seat"
      >
        {text}
      </button>
    </td>
  );
});
