import type { BookingEmailData } from "./types";

/** Sample booking for template previews (/dev/emails) and rendering tests: no D1 needed. */
export function sampleBooking(overrides: Partial<BookingEmailData> = {}): BookingEmailData {
  return {
    locale: "en",
    bookingId: "bk_preview_0001",
    status: "CONFIRMED",
    customerName: "Asha Rao",
    customerEmail: "asha@example.com",
    movieTitle: "Orbit Zero",
    certificate: "UA13+",
    format: "IMAX",
    language: "English",
    cinemaName: "Marquee Phoenix Palladium",
    cinemaAddress: "Lower Parel, Mumbai 400013",
    screenName: "Audi 1",
    startsAt: Date.UTC(2026, 10, 28, 13, 30),
    runtimeMinutes: 150,
    timeZone: "Asia/Kolkata",
    seats: [
      { seatId: "K7", category: "PRIME", pricePaise: 25000 },
      { seatId: "K8", category: "PRIME", pricePaise: 25000 },
    ],
    totalPaise: 57080,
    feePaise: 7080,
    refund: { amountPaise: 50000, status: "PROCESSED", reason: "customer_cancellation" },
    code: "K7QX-4MPA".replace("-", ""),
    appOrigin: "http://localhost:8787",
    ...overrides,
  };
}
