import { numberFormat } from "./intl";
import type { SeatInfo } from "./layout";

/** GST on the convenience fee, in basis points (18%). */
export const FEE_GST_BPS = 1800;

export type PriceLine = { seatId: string; category: string; pricePaise: number };
export type PriceBreakdown = {
  lines: PriceLine[];
  seatsAmount: number;
  feeAmount: number;
  feeTaxAmount: number;
  totalAmount: number;
  currency: "INR";
};

export class PricingError extends Error {}

/** Prices seats on the server; the client never supplies an amount. */
export function priceSeats(
  seats: SeatInfo[],
  prices: Record<string, number>,
  feePerSeatPaise: number,
): PriceBreakdown {
  const lines = seats.map((s) => {
    const price = prices[s.category];
    if (price === undefined || !Number.isInteger(price) || price < 0) {
      throw new PricingError(`No price for category ${s.category}`);
    }
    return { seatId: s.id, category: s.category, pricePaise: price };
  });
  const seatsAmount = lines.reduce((sum, l) => sum + l.pricePaise, 0);
  const feeAmount = feePerSeatPaise * lines.length;
  // Round half up to the paisa, as GST invoices do.
  const feeTaxAmount = Math.floor((feeAmount * FEE_GST_BPS + 5000) / 10000);
  return {
    lines,
    seatsAmount,
    feeAmount,
    feeTaxAmount,
    totalAmount: seatsAmount + feeAmount + feeTaxAmount,
    currency: "INR",
  };
}

export function formatRupees(paise: number): string {
  const rupees = paise / 100;
  return numberFormat("en-IN", {
    style: "currency",
    currency: "INR",
    minimumFractionDigits: paise % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(rupees);
}
