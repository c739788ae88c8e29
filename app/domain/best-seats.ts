import type { SeatLayout, SeatRow } from "./layout";

/**
 * Choosing a block of N seats for a fan: from a tap on one seat, or the best block in the house.
 *
 * A block is N seats next to each other in one row (so one category): an aisle or a missing seat
 * breaks a row into runs, and a block never spans one. A block never leaves a single empty seat
 * between itself and a sold seat, an aisle or the row's end when another block is possible (the
 * "no orphan seat" rule seats.io applies): a lone seat rarely sells, and the next fan of two is
 * split up. Wheelchair spaces join a block only when the fan asked for one.
 */

export type SeatPickOptions = {
  /** The fan asked for a wheelchair space: a block must then include one. */
  wheelchair?: boolean;
  /** Only seats of this category (its code); any category when absent. */
  category?: string | null;
};

type Cell = { id: string; col: number; type: string };
type Run = { row: SeatRow; rowIndex: number; cells: Cell[] };
type Block = { run: Run; start: number; orphans: number };

/**
 * How far back the best row sits, as a share of the house from the screen: about two thirds of the
 * way back, where the screen fills the eye without turning the head.
 */
const BEST_ROW_SHARE = 0.65;
/** One row further from the best row costs as much as this many seats off centre. */
const ROW_WEIGHT = 1.5;

/** Maximal runs of free seats, row by row: a run ends at a taken seat, a gap (aisle or missing seat) or the row's end. */
function freeRuns(layout: SeatLayout, isFree: (id: string) => boolean): Run[] {
  const runs: Run[] = [];
  layout.rows.forEach((row, rowIndex) => {
    let cur: Cell[] = [];
    const close = () => {
      if (cur.length) runs.push({ row, rowIndex, cells: cur });
      cur = [];
    };
    row.cells.forEach((cell, col) => {
      const id = cell ? `${row.label}${cell.n}` : null;
      if (cell && id && isFree(id)) cur.push({ id, col, type: cell.type });
      else close();
    });
    close();
  });
  return runs;
}

/** Every block of `n` in `run` that `eligible` allows, with how many single seats it strands. */
function blocksIn(run: Run, n: number, eligible: (c: Cell) => boolean): Block[] {
  const out: Block[] = [];
  for (let start = 0; start + n <= run.cells.length; start++) {
    const cells = run.cells.slice(start, start + n);
    if (!cells.every(eligible)) continue;
    const left = start;
    const right = run.cells.length - start - n;
    out.push({ run, start, orphans: (left === 1 ? 1 : 0) + (right === 1 ? 1 : 0) });
  }
  return out;
}

const ids = (b: Block, n: number) => b.run.cells.slice(b.start, b.start + n).map((c) => c.id);
const centreOf = (b: Block, n: number) => (b.run.cells[b.start]!.col + b.run.cells[b.start + n - 1]!.col) / 2;

function eligibleFor(opts: SeatPickOptions, tapped?: Cell) {
  // A fan who taps a wheelchair space has asked for one.
  const wheelchair = Boolean(opts.wheelchair) || tapped?.type === "wheelchair";
  return (c: Cell) => wheelchair || c.type !== "wheelchair";
}

/**
 * The best `n` seats free: same row and category, side by side, no orphan seat left when any block
 * avoids one, then the nearest to the best row and the centre of the house. Null when no row has
 * `n` free seats together.
 */
export function bestAvailable(layout: SeatLayout, isFree: (id: string) => boolean, n: number, opts: SeatPickOptions = {}): string[] | null {
  if (n < 1) return null;
  const cols = Math.max(...layout.rows.map((r) => r.cells.length));
  const centreCol = (cols - 1) / 2;
  const bestRow = (layout.rows.length - 1) * BEST_ROW_SHARE;
  const eligible = eligibleFor(opts);
  const candidates = freeRuns(layout, isFree)
    .filter((run) => !opts.category || run.row.category === opts.category)
    .flatMap((run) => blocksIn(run, n, eligible))
    .filter((b) => !opts.wheelchair || b.run.cells.slice(b.start, b.start + n).some((c) => c.type === "wheelchair"));
  const score = (b: Block) => Math.abs(b.run.rowIndex - bestRow) * ROW_WEIGHT + Math.abs(centreOf(b, n) - centreCol);
  const best = pick(candidates, (a, b) => a.orphans - b.orphans || score(a) - score(b));
  return best ? ids(best, n) : null;
}

/**
 * The `n` seats a tap on `seatId` takes: a block in the tapped seat's run that includes it, with no
 * orphan seat when one can be avoided, then the one the tapped seat is most central in, then the
 * one nearest the row's centre. Null when the run has fewer than `n` seats (or the seat is taken).
 */
export function blockFromTap(layout: SeatLayout, isFree: (id: string) => boolean, seatId: string, n: number, opts: SeatPickOptions = {}): string[] | null {
  if (n < 1) return null;
  const run = freeRuns(layout, isFree).find((r) => r.cells.some((c) => c.id === seatId));
  if (!run) return null;
  const at = run.cells.findIndex((c) => c.id === seatId);
  const tapped = run.cells[at]!;
  const cols = run.row.cells.length;
  const candidates = blocksIn(run, n, eligibleFor(opts, tapped)).filter((b) => b.start <= at && at < b.start + n);
  const offTap = (b: Block) => Math.abs(centreOf(b, n) - tapped.col);
  const offCentre = (b: Block) => Math.abs(centreOf(b, n) - (cols - 1) / 2);
  const best = pick(candidates, (a, b) => a.orphans - b.orphans || offTap(a) - offTap(b) || offCentre(a) - offCentre(b));
  return best ? ids(best, n) : null;
}

/** How many seats a tap on `seatId` could take at most: the length of its run of free seats (0 if taken). */
export function seatsTogetherAt(layout: SeatLayout, isFree: (id: string) => boolean, seatId: string): number {
  return freeRuns(layout, isFree).find((r) => r.cells.some((c) => c.id === seatId))?.cells.length ?? 0;
}

/**
 * The free seats a pick would leave stranded: a single free seat whose neighbours in the row are
 * picked or taken (or an aisle, gap or the row's end) on both sides, that was not stranded before.
 */
export function orphansLeftBy(layout: SeatLayout, isFree: (id: string) => boolean, picked: readonly string[]): string[] {
  const chosen = new Set(picked);
  const before = new Set(freeRuns(layout, isFree).filter((r) => r.cells.length === 1).map((r) => r.cells[0]!.id));
  return freeRuns(layout, (id) => isFree(id) && !chosen.has(id))
    .filter((r) => r.cells.length === 1 && !before.has(r.cells[0]!.id))
    .map((r) => r.cells[0]!.id);
}

function pick<T>(xs: T[], compare: (a: T, b: T) => number): T | null {
  let best: T | null = null;
  for (const x of xs) if (best === null || compare(x, best) < 0) best = x;
  return best;
}
