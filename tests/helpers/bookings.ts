import { env } from "cloudflare:workers";

let n = 0;

export type TestBookingOpts = {
  showtimeId: string;
  userId?: string;
  status?: "CONFIRMED" | "CANCELLED" | "REFUND_PENDING" | "REFUNDED";
  seats?: { seatId: string; category: string; pricePaise: number }[];
  feePaise?: number;
  confirmedAt?: number;
  refundPaise?: number;
};

/**
 * Writes a booking as the payment flow leaves it: the bookings row, its seats (CONFIRMED while the
 * booking stands, RELEASED after a cancellation) and, when asked, a processed refund.
 */
export async function insertBooking(opts: TestBookingOpts): Promise<string> {
  const id = `bk-test-${Date.now().toString(36)}-${++n}`;
  const status = opts.status ?? "CONFIRMED";
  const seats = opts.seats ?? [{ seatId: "K7", category: "PRIME", pricePaise: 25000 }];
  const seatsAmount = seats.reduce((sum, s) => sum + s.pricePaise, 0);
  const fee = opts.feePaise ?? 6000;
  const tax = Math.round(fee * 0.18);
  const now = Date.now();
  const confirmedAt = opts.confirmedAt ?? now;
  const stmts = [
    env.DB.prepare(
      `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, confirmed_at, cancelled_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'INR', ?, ?, ?, ?)`,
    ).bind(id, opts.userId ?? "usr-demo-customer", opts.showtimeId, `hold-${id}`, status, seatsAmount, fee, tax, seatsAmount + fee + tax, confirmedAt, confirmedAt, status === "CONFIRMED" ? null : now, now),
    ...seats.map((s) =>
      env.DB.prepare(
        "INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES (?, ?, ?, ?, ?, ?)",
      ).bind(id, opts.showtimeId, s.seatId, s.category, s.pricePaise, status === "CONFIRMED" ? "CONFIRMED" : "RELEASED"),
    ),
  ];
  if (opts.refundPaise !== undefined) {
    stmts.push(
      env.DB.prepare(
        "INSERT INTO refunds (id, booking_id, payment_id, amount, reason, razorpay_refund_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'customer cancelled', ?, 'PROCESSED', ?, ?)",
      ).bind(`rf-${id}`, id, `pay-${id}`, opts.refundPaise, `rfnd-${id}`, now, now),
    );
  }
  await env.DB.batch(stmts);
  return id;
}
