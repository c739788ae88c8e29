import type { HoldRefusal } from "./contract";
import { describeRefusal } from "#app/domain/holds";

/** The HTTP status for each way a hold can be refused. */
export function refusalStatus(refusal: HoldRefusal): number {
  switch (refusal.code) {
    case "seats_unavailable":
      return refusal.seats.some((s) => s.reason === "unknown_seat" || s.reason === "duplicate_seat") ? 422 : 409;
    case "too_many_seats":
    case "no_seats":
      return 422;
    case "show_limit_reached":
      return 409;
    case "cooling_down":
      return 429;
    case "showtime_started":
    case "showtime_unavailable":
      return 410;
    case "showtime_not_found":
      return 404;
    case "admission_required":
    case "bot_check_required":
      return 403;
  }
}

export { describeRefusal };
