import { eq } from "drizzle-orm";
import { refunds } from "#app/db/schema.server";
import type { PriceBreakdown } from "#app/domain/pricing";
import { viewStatus } from "#app/domain/booking-state";
import type { Locale } from "#app/i18n/locales";
import type { Services } from "#app/utils/context.server";
import { notFound } from "#app/utils/http.server";
import { loadShowtime, showtimeHeader } from "#app/catalogue/showtime-page.server";
import { getBookingOfUser, seatsOfBooking } from "./bookings.server";
import { salesOfBooking } from "#app/db/shards.server";

/** What the booking and payment pages show; another user's booking is a plain 404. */
export async function loadBookingView(s: Services, bookingId: string, userId: string, locale: Locale = "en") {
  const booking = await getBookingOfUser(s.env, bookingId, userId);
  if (!booking) notFound("We couldn't find that booking.");
  const [detail, seats, refundRows] = await Promise.all([
    loadShowtime(s, booking.showtimeId),
    seatsOfBooking(s.env, booking.id),
    salesOfBooking(s.env, booking.id).db.select().from(refunds).where(eq(refunds.bookingId, booking.id)).all(),
  ]);
  const price: PriceBreakdown = {
    lines: seats.map((seat) => ({ seatId: seat.seatId, category: seat.category, pricePaise: seat.pricePaise })),
    seatsAmount: booking.seatsAmount,
    feeAmount: booking.feeAmount,
    feeTaxAmount: booking.feeTaxAmount,
    totalAmount: booking.totalAmount,
    currency: "INR",
  };
  return {
    // Read with the hold deadline applied: an unpaid booking past it is shown (and treated) as expired.
    booking: { ...booking, status: viewStatus(booking, s.now) },
    detail,
    header: showtimeHeader(detail, s.now, locale),
    price,
    refunds: refundRows.map((r) => ({ id: r.id, amount: r.amount, status: r.status, reason: r.reason })),
  };
}
