/**
 * A screen's seat layout. Rows are listed from the front (nearest the screen) to the back;
 * a `null` cell is a gap (aisle or missing seat). A seat's id is its row label plus number, e.g. "C7".
 */
export const SEAT_TYPES = ["standard", "wheelchair", "companion"] as const;
export type SeatType = (typeof SEAT_TYPES)[number];
export type SeatCategory = { code: string; name: string };
export type SeatCell = { n: number; type: SeatType };
export type SeatRow = { label: string; category: string; cells: (SeatCell | null)[] };
export type SeatLayout = { categories: SeatCategory[]; rows: SeatRow[] };

export type SeatInfo = {
  id: string;
  row: string;
  number: number;
  category: string;
  type: SeatType;
};

export function listSeats(layout: SeatLayout): SeatInfo[] {
  const seats: SeatInfo[] = [];
  for (const row of layout.rows) {
    for (const cell of row.cells) {
      if (cell) {
        seats.push({ id: `${row.label}${cell.n}`, row: row.label, number: cell.n, category: row.category, type: cell.type });
      }
    }
  }
  return seats;
}

export function indexSeats(layout: SeatLayout): Map<string, SeatInfo> {
  return new Map(listSeats(layout).map((s) => [s.id, s]));
}

export function countSeats(layout: SeatLayout): number {
  return listSeats(layout).length;
}

/** Categories in the order a customer reads them: the one furthest from the screen first. */
export function categoriesBackToFront(layout: SeatLayout): SeatCategory[] {
  const seen = new Set<string>();
  const ordered: SeatCategory[] = [];
  for (const row of [...layout.rows].reverse()) {
    if (seen.has(row.category)) continue;
    seen.add(row.category);
    const cat = layout.categories.find((c) => c.code === row.category);
    if (cat) ordered.push(cat);
  }
  return ordered;
}

