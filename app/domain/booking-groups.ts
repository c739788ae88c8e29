import type { BookingStatus } from "./enums";

export type BookingGroup = "upcoming" | "past" | "cancelled";

/**
 * Where a booking goes on My bookings: a cancelled, refunded or never-completed booking is never
 * "upcoming" (it has no ticket), whatever its show's date; a live one is upcoming until its show starts.
 */
export function bookingGroup(status: BookingStatus, startsAt: number, now: number): BookingGroup {
  if (status === "CONFIRMED" || status === "PENDING_PAYMENT") return startsAt > now ? "upcoming" : "past";
  return "cancelled";
}
