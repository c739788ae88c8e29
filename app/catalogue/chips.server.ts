import { availabilityOf, formatPriceRange, priceRange } from "#app/domain/availability";
import { formatShowTime } from "#app/domain/time";
import type { ShowtimeChip } from "./showtime-chips";
import { isBookable } from "./queries.server";

type ListingRow = {
  id: string;
  startsAt: number;
  format: string;
  language: string;
  status: string;
  prices: Record<string, number>;
  seatCount: number;
  seatsSold: number;
};

/** One chip from a listing row: time, price range and how full the show is (from D1's counter). */
export function toChip(r: ListingRow, timeZone: string, now: number): ShowtimeChip {
  const range = priceRange(r.prices);
  return {
    id: r.id,
    time: formatShowTime(r.startsAt, timeZone),
    format: r.format,
    language: r.language,
    bookable: isBookable(r.startsAt, r.status, now),
    price: range ? formatPriceRange(range) : "",
    availability: availabilityOf(Number(r.seatsSold), r.seatCount),
  };
}
