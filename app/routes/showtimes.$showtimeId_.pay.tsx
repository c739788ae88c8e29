import { requestI18n } from "#app/i18n/locale.server";
import type { ActionFunctionArgs } from "react-router";
import { redirect } from "react-router";
import { createBookingForHold, ensureOrder } from "#app/payments/bookings.server";
import { idParam } from "#app/utils/params";
import { requireSlots } from "#app/utils/rate-limit.server";
import { notFound, userError } from "#app/utils/http.server";
import { seatsOfExisting } from "#app/seats/gateway.server";
import { bookingClosedNotice, loadShowtime, priceHold } from "#app/catalogue/showtime-page.server";
import { getBookingByHold, getBookingOfUser } from "#app/payments/bookings.server";
import { customerAction } from "#app/auth/form-action.server";

/** Never shown: it makes a refusal here (a 429, an expired form) an error page rather than bare JSON for a form without JavaScript. */
export default function ProceedToPay() {
  return null;
}

/**
 * "Proceed to pay": the second check of the hold (with the showtime's Durable Object), the price
 * computed here and nowhere else, a PENDING_PAYMENT booking and its Razorpay order.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const showtimeId = idParam(params.showtimeId);
  const { s, form, user } = await customerAction({ request, context });
  // Each booking and Razorpay order costs a D1 write and a call out: a slot is taken first.
  await requireSlots(s.env, [["orderUser", user.id]]);
  const holdId = idParam(String(form.get("holdId") ?? ""));

  // A second click (or a back-button resubmit) finds the booking the first one made.
  const existing = await getBookingByHold(s.env, showtimeId, holdId);
  if (existing) {
    if (!(await getBookingOfUser(s.env, existing.id, user.id))) throw redirect(`/showtimes/${showtimeId}?notice=expired`);
    if (existing.status !== "PENDING_PAYMENT" || existing.razorpayOrderId) {
      throw redirect(existing.status === "PENDING_PAYMENT" ? `/bookings/${existing.id}/pay` : `/bookings/${existing.id}`);
    }
  }

  const seats = await seatsOfExisting(s, showtimeId);
  if (!seats) notFound("We couldn't find that showtime.");
  const hold = await seats.getHold(holdId);
  if (!hold || hold.userId !== user.id || hold.showtimeId !== showtimeId) {
    // The seat object is the one truth about this fan's hold: a page opened before another tab
    // changed the seats is shown the current hold to confirm, not told that it expired.
    const current = (await seats.snapshot(user.id)).yourHold;
    throw redirect(current ? `/showtimes/${showtimeId}/summary?notice=changed` : `/showtimes/${showtimeId}?notice=expired`);
  }
  const detail = await loadShowtime(s, showtimeId);
  // A hold outlives a cancellation (or the start) in the seat object; no checkout opens for it.
  const closed = bookingClosedNotice(detail.showtime, s.now);
  if (closed) throw redirect(`/showtimes/${showtimeId}?notice=${closed}`);
  const price = priceHold(detail, hold.seatIds, s.config.CONVENIENCE_FEE_PAISE_PER_SEAT);
  if (price.lines.length !== hold.seatIds.length) throw redirect(`/showtimes/${showtimeId}?notice=expired`);

  const deps = await s.payments();
  // A booking an earlier click made while Razorpay was down only needs its order.
  const booking = existing ?? (await createBookingForHold(deps, { userId: user.id, showtimeId, holdId, holdExpiresAt: hold.expiresAt, price }));
  const ordered = await ensureOrder(deps, booking);
  if (!ordered.ok) {
    userError(503, requestI18n(request).t("pay.partnerDown"));
  }
  throw redirect(`/bookings/${booking.id}/pay`);
}

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/showtimes/${idParam(params.showtimeId)}/summary`);
}
