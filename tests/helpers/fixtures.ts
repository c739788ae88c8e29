import { loggedIn } from "./admin";
import { insertBooking } from "./bookings";
import type { TestBrowser } from "./browser";
import { seedDemoData } from "./seed";
import { createShowtime } from "./showtimes";

/** Demo data, one fresh showtime with a confirmed booking of the demo customer, and both demo accounts logged in. */
export async function bookedShowtimeWithAccounts(): Promise<{ showtimeId: string; bookingId: string; admin: TestBrowser; customer: TestBrowser }> {
  await seedDemoData();
  const showtimeId = await createShowtime();
  const bookingId = await insertBooking({ showtimeId, userId: "usr-demo-customer" });
  return { showtimeId, bookingId, admin: (await loggedIn("admin")).browser, customer: (await loggedIn("customer")).browser };
}
