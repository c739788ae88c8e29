import { Link, Text } from "@react-email/components";
import { EmailLayout, label, muted, seatList, showWhen, ShowDetails, value } from "./layout";
import type { BookingEmailData } from "./types";

export function showReminderSubject(b: BookingEmailData): string {
  return `Reminder: ${b.movieTitle} at ${showWhen(b)}`;
}

export function ShowReminderEmail({ b }: { b: BookingEmailData }) {
  return (
    <EmailLayout preview={`${b.movieTitle} starts soon at ${b.cinemaName}`} title="Your show starts soon">
      <Text style={muted}>Hi {b.customerName}, a reminder that your show is coming up. Arrive 15 minutes early.</Text>
      <ShowDetails b={b} />
      <Text style={label}>Seats</Text>
      <Text style={value}>{seatList(b)}</Text>
      <Text style={muted}>
        <Link href={`${b.appOrigin}/bookings/${b.bookingId}`}>Open your ticket</Link> to show the QR code at the entrance.
      </Text>
    </EmailLayout>
  );
}
