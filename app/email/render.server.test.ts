import { describe, expect, it } from "vitest";
import { decodeQrPng } from "#tests/helpers/qr-decode";
import { verifyTicketToken } from "#app/tickets/token.server";
import { sampleBooking } from "#app/email/templates/preview-data";
import { QR_CONTENT_ID, renderBookingEmail } from "./render.server";

const KEYS = { SESSION_SECRET: "a-ticket-secret-that-is-long-enough-0123456789" };

function pngOf(content: string): Uint8Array {
  return Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
}

describe("email templates (React Email rendered inside workerd)", () => {
  it("confirmation carries show, seats, amount and a QR that decodes to a valid ticket token", async () => {
    const mail = await renderBookingEmail("booking_confirmed", sampleBooking(), KEYS);
    expect(mail.subject).toBe("Your tickets: Orbit Zero, Sat, 28 Nov, 7:00 pm");
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain("K7, K8");
      expect(part).toContain("₹570.80");
      expect(part).toContain("bk_preview_0001");
      expect(part).toContain("Audi 1");
      expect(part).toMatch(/7:00\s?pm/i); // 13:30 UTC is 7 pm in Kolkata
    }
    expect(mail.html).toContain(`src="cid:${QR_CONTENT_ID}"`);
    const [qr, ics] = mail.attachments;
    expect(qr).toMatchObject({ contentId: QR_CONTENT_ID, contentType: "image/png" });
    // "Add to calendar" from the email: 13:30 UTC is 19:00 in the cinema's zone.
    expect(ics).toMatchObject({ filename: "marquee-show.ics", contentType: expect.stringContaining("text/calendar") });
    const calendar = new TextDecoder().decode(pngOf(ics!.content));
    expect(calendar).toContain("DTSTART;TZID=Asia/Kolkata:20261128T190000");
    expect(calendar).toContain("K7QX-4MPA");
    expect(mail.text).toContain("K7QX-4MPA");
    const token = await decodeQrPng(pngOf(qr!.content));
    expect(token).not.toBeNull();
    expect(mail.text).toContain(token!);
    expect(await verifyTicketToken(KEYS, token!)).toBe("bk_preview_0001");
    expect(await verifyTicketToken(KEYS, token!.replace("bk_preview_0001", "bk_preview_0002"))).toBeNull();
  });

  it("refund email says how much and when it arrives", async () => {
    const mail = await renderBookingEmail("refund_issued", sampleBooking({ status: "REFUNDED" }), KEYS);
    expect(mail.subject).toContain("₹500");
    expect(mail.text).toContain("5–7 working days");
    expect(mail.attachments).toEqual([]);
  });

  it("cancellation email gives the refund and says the fee is kept", async () => {
    const mail = await renderBookingEmail("booking_cancelled", sampleBooking({ status: "CANCELLED", refund: null }), KEYS);
    expect(mail.text).toContain("you cancelled this booking.");
    expect(mail.text).toContain("Refund: ₹500 of the ₹570.80 you paid. The convenience fee and its GST (₹70.80) are not refunded.");
  });

  it("an operator's full refund says the cinema cancelled and that everything comes back", async () => {
    const full = { amountPaise: 57080, status: "PENDING", reason: "operator_refund" };
    for (const type of ["booking_cancelled", "refund_issued"] as const) {
      const mail = await renderBookingEmail(type, sampleBooking({ status: "CANCELLED", refund: full }), KEYS);
      expect(mail.text).toContain("cinema cancelled this booking");
      expect(mail.text).toContain("Full refund: ₹570.80, everything you paid, including the convenience fee.");
      expect(mail.text).not.toContain("not refunded");
    }
  });

  it("a partial refund email gives both amounts", async () => {
    const mail = await renderBookingEmail("refund_issued", sampleBooking({ status: "CANCELLED" }), KEYS);
    expect(mail.text).toContain("you cancelled this booking.");
    expect(mail.text).toContain("Refund: ₹500 of the ₹570.80 you paid. The convenience fee and its GST (₹70.80) are not refunded.");
  });

  it("reminder names the show and the seats", async () => {
    const mail = await renderBookingEmail("show_reminder", sampleBooking(), KEYS);
    expect(mail.subject).toContain("Reminder: Orbit Zero");
    expect(mail.html).toContain("K7, K8");
  });
});
