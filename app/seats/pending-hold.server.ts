import { z } from "zod";
import { seatIdSchema } from "#app/domain/layout-schema";
import type { Services } from "#app/utils/context.server";
import { placeHold } from "./place-hold.server";

/**
 * Seats picked before logging in travel through login, signup and email verification as one form
 * field, `hold=<showtimeId>:<A1,A2>` (a query parameter of the login/signup/verify pages, so it
 * works without JavaScript). The hold itself is placed by the POST that starts the session, never
 * by a GET, so a link cannot make anyone hold seats.
 */
const pendingHoldSchema = z
  .string()
  .max(400)
  .transform((raw, ctx) => {
    const [showtimeId, list] = raw.split(":");
    const seats = (list ?? "").split(",").filter(Boolean);
    const ok = /^[A-Za-z0-9_-]{1,64}$/.test(showtimeId ?? "") && seats.length > 0 && seats.length <= 50 && seats.every((s) => seatIdSchema.safeParse(s).success);
    if (!ok) {
      ctx.addIssue({ code: "custom", message: "not a pending hold" });
      return z.NEVER;
    }
    return { showtimeId: showtimeId!, seatIds: [...new Set(seats)] };
  });

export type PendingHold = z.output<typeof pendingHoldSchema>;

export function pendingHoldParam(showtimeId: string, seatIds: readonly string[]): string {
  return `${showtimeId}:${seatIds.join(",")}`;
}

export function parsePendingHold(raw: FormDataEntryValue | string | null | undefined): PendingHold | null {
  if (typeof raw !== "string" || raw === "") return null;
  const parsed = pendingHoldSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Places the pending hold for a user who just got a session and says where to go: the summary
 * when every seat was still free; otherwise back to the seat map with the seats still free
 * ticked and a message naming the ones that were taken meanwhile; null for an unknown showtime.
 * It goes through `placeHold`, the one way a hold is placed: the same rate limits, waiting-room
 * gate and hold rules as the seat page and the API (a login must not be a way around them).
 */
export async function resumePendingHold(s: Services, request: Request, userId: string, pending: PendingHold): Promise<string | null> {
  // No admission is sent on purpose: while a waiting room gates the show, the fan goes to the queue.
  const result = await placeHold(s, { request, userId, showtimeId: pending.showtimeId, seatIds: pending.seatIds });
  const base = `/showtimes/${pending.showtimeId}`;
  if (result.ok) return `${base}/summary`;
  if (result.code === "showtime_not_found") return null;
  // The queue is where a gated show's fan goes; a hold elsewhere to release is named on the seat map instead.
  if (result.location && !result.holds) return result.location;
  const params = new URLSearchParams();
  if (result.code === "seats_unavailable" && result.seats) {
    const lost = result.seats.map((seat) => seat.seatId);
    const keep = pending.seatIds.filter((id) => !lost.includes(id));
    params.set("notice", "taken");
    params.set("lost", lost.join(","));
    if (keep.length) params.set("pick", keep.join(","));
  } else if (result.code !== "cooling_down") {
    // A code, never text: the showtime page shows its own wording, so a link cannot put words there.
    // (A cool-down needs none: the seat map says when the fan can hold again.)
    params.set("notice", result.code);
    // Refusals the fan can get past on the seat map keep the seats ticked for another press.
    if (["rate_limited", "bot_check_failed", "shows_held_limit", "sale_limit_reached"].includes(result.code)) params.set("pick", pending.seatIds.join(","));
  }
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** Seat ids from a query parameter ("A1,A2"), keeping only well-formed ones. */
export function seatListQuery(raw: string | null): string[] {
  return (raw ?? "").split(",").filter((id) => seatIdSchema.safeParse(id).success).slice(0, 50);
}
