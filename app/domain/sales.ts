import { toCsv } from "./csv";

/**
 * Sales figures for one showtime. Gross counts every booking that was ever paid for (confirmed,
 * even if later cancelled or refunded); refunds are what has been (or is being) paid back, so
 * gross − refunds is what the cinema keeps. Amounts are integer paise.
 */
export type ShowtimeSalesInput = {
  showtimeId: string;
  startsAt: number;
  movieTitle: string;
  cinemaName: string;
  screenName: string;
  status: string;
  capacity: number;
  seatsSold: number;
  bookings: number;
  grossPaise: number;
  feesPaise: number;
  refundsPaise: number;
};

export type ShowtimeSales = ShowtimeSalesInput & { occupancyPct: number; netPaise: number };

/** Occupancy as a percentage with one decimal, so 1 of 270 seats shows as 0.4%, not 0%. */
export function occupancyPct(sold: number, capacity: number): number {
  if (capacity <= 0) return 0;
  return Math.round((sold / capacity) * 1000) / 10;
}

export function showtimeSales(input: ShowtimeSalesInput): ShowtimeSales {
  return { ...input, occupancyPct: occupancyPct(input.seatsSold, input.capacity), netPaise: input.grossPaise - input.refundsPaise };
}

export type SalesTotals = Pick<ShowtimeSales, "capacity" | "seatsSold" | "bookings" | "grossPaise" | "feesPaise" | "refundsPaise" | "netPaise" | "occupancyPct">;

export function salesTotals(rows: ShowtimeSales[]): SalesTotals {
  const sum = (f: (r: ShowtimeSales) => number) => rows.reduce((acc, r) => acc + f(r), 0);
  const capacity = sum((r) => r.capacity);
  const seatsSold = sum((r) => r.seatsSold);
  return {
    capacity,
    seatsSold,
    bookings: sum((r) => r.bookings),
    grossPaise: sum((r) => r.grossPaise),
    feesPaise: sum((r) => r.feesPaise),
    refundsPaise: sum((r) => r.refundsPaise),
    netPaise: sum((r) => r.netPaise),
    occupancyPct: occupancyPct(seatsSold, capacity),
  };
}

const rupees = (paise: number) => (paise / 100).toFixed(2);

/** The day's sales as CSV: one line per showtime, then a TOTAL line. Amounts in rupees with paise. */
export function salesCsv<T extends ShowtimeSales>(rows: T[], formatTime: (r: T) => string): string {
  const header = ["showtime_id", "starts_at_local", "cinema", "screen", "movie", "status", "capacity", "seats_sold", "occupancy_pct", "bookings", "gross_inr", "fees_inr", "refunds_inr", "net_inr"];
  const lines = rows.map((r) => [
    r.showtimeId,
    formatTime(r),
    r.cinemaName,
    r.screenName,
    r.movieTitle,
    r.status,
    r.capacity,
    r.seatsSold,
    r.occupancyPct.toFixed(1),
    r.bookings,
    rupees(r.grossPaise),
    rupees(r.feesPaise),
    rupees(r.refundsPaise),
    rupees(r.netPaise),
  ]);
  const t = salesTotals(rows);
  lines.push(["TOTAL", "", "", "", "", "", t.capacity, t.seatsSold, t.occupancyPct.toFixed(1), t.bookings, rupees(t.grossPaise), rupees(t.feesPaise), rupees(t.refundsPaise), rupees(t.netPaise)]);
  return toCsv(header, lines);
}
