/** How full a show is, from seats sold and the screen's capacity (the rule behind showtime chips). */

export const AVAILABILITY = ["available", "filling_fast", "almost_full", "sold_out"] as const;
export type Availability = (typeof AVAILABILITY)[number];

/** Thresholds are shares of the house sold: half sold is "filling fast", 85% "almost full". */
export function availabilityOf(seatsSold: number, capacity: number): Availability {
  if (capacity <= 0 || seatsSold >= capacity) return "sold_out";
  const share = seatsSold / capacity;
  if (share >= 0.85) return "almost_full";
  if (share >= 0.5) return "filling_fast";
  return "available";
}

/** Cheapest and dearest seat price of a show, in paise. */
export function priceRange(prices: Record<string, number>): { min: number; max: number } | null {
  const values = Object.values(prices);
  return values.length ? { min: Math.min(...values), max: Math.max(...values) } : null;
}

export function formatRupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString("en-IN", { maximumFractionDigits: paise % 100 ? 2 : 0 })}`;
}

export function formatPriceRange(range: { min: number; max: number }): string {
  return range.min === range.max ? formatRupees(range.min) : `${formatRupees(range.min)}–${formatRupees(range.max)}`;
}
