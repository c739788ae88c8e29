import { isCalendarDate } from "#app/domain/time";
import { userError } from "#app/utils/http.server";

/** ?date=YYYY-MM-DD&cinema=ID for the day views: left out, today and every cinema; malformed, a 400. */
export function dayFilter(url: URL, today: string): { date: string; cinemaId: string | null } {
  const date = url.searchParams.get("date") ?? "";
  const cinema = url.searchParams.get("cinema") ?? "";
  if (date !== "" && !isCalendarDate(date)) userError(400, "Dates look like 2026-11-25, and must be real days.");
  if (cinema !== "" && !/^[A-Za-z0-9_-]{1,64}$/.test(cinema)) userError(400, "That cinema isn't valid.");
  return { date: date || today, cinemaId: cinema || null };
}
