import { env } from "cloudflare:workers";
import { SEED_SCREENS } from "#app/db/seed-data.server";

let n = 0;

/**
 * A fresh showtime of its own for each test, on a demo screen (270 seats: A–J Classic, K–N Prime,
 * O–P Recliner), so no test sees another's holds or alarms.
 */
export async function createShowtime(opts: { startsInMs?: number; screenId?: string; status?: "SCHEDULED" | "CANCELLED" } = {}) {
  const id = `st-test-${Date.now().toString(36)}-${++n}`;
  const screenId = opts.screenId ?? SEED_SCREENS[0]!.id;
  await env.DB.prepare(
    "INSERT INTO showtimes (id, movie_id, screen_id, starts_at, format, language, prices, status) VALUES (?, 'mov-orbit-zero', ?, ?, '2D', 'English', ?, ?)",
  )
    .bind(id, screenId, Date.now() + (opts.startsInMs ?? 3 * 3600_000), JSON.stringify({ CLASSIC: 18000, PRIME: 25000, RECLINER: 45000 }), opts.status ?? "SCHEDULED")
    .run();
  return id;
}

/** Writes a CONFIRMED sale straight into D1 (the show's booking database, `db`), as the payment flow would. */
export async function sellInD1(showtimeId: string, bookingId: string, seatIds: string[], userId = "usr-demo-customer", db: D1Database = env.DB) {
  await db.prepare(
    `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'CONFIRMED', 0, 0, 0, 0, 'INR', 0, 0)`,
  )
    .bind(bookingId, userId, showtimeId, `hold-${bookingId}`)
    .run();
  await db.batch(
    seatIds.map((seatId) =>
      db.prepare(
        "INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES (?, ?, ?, 'CLASSIC', 18000, 'CONFIRMED')",
      ).bind(bookingId, showtimeId, seatId),
    ),
  );
}
