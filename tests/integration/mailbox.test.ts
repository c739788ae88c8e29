import { SEED_SCREENS } from "#app/db/seed-data.server";
import { env, exports } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { worker } from "#tests/helpers/worker";
import { qrSvg } from "#app/domain/ticket-qr";
import { emailJob } from "#app/email/job";
import { ticketToken } from "#app/tickets/token.server";
import { checkInTicket } from "#app/admin/check-in.server";
import { testServices } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import { insertBooking } from "#tests/helpers/bookings";
import { decodeQrPng } from "#tests/helpers/qr-decode";
import { mockResend } from "#tests/helpers/resend-mock";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { signUpVerified } from "../helpers/accounts";

const KEYS = { SESSION_SECRET: env.SESSION_SECRET };
// The door of the demo screen createShowtime uses, half an hour before the show (inside the window).
const DOOR = { cinemaId: SEED_SCREENS[0]!.cinemaId };
const DOORS_OPEN = 30 * 60_000;

beforeAll(async () => {
  await seedDemoData();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** No RESEND_API_KEY: the consumer's `resend` client posts to the app's own mailbox, routed in-process. */
async function consumeViaMailbox(job: unknown) {
  const resend = mockResend((request) => exports.default.fetch(request));
  const batch = createMessageBatch("marquee-email", [{ id: `mbx-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: job }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  return { resend, acked: result.explicitAcks.length === 1 };
}

function pngOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

describe("local mailbox", () => {
  it("receives the confirmation through the real resend client and shows it like Mailpit", async () => {
    const showtimeId = await createShowtime({ startsInMs: DOORS_OPEN });
    const bookingId = await insertBooking({
      showtimeId,
      seats: [
        { seatId: "K7", category: "PRIME", pricePaise: 25000 },
        { seatId: "K8", category: "PRIME", pricePaise: 25000 },
      ],
    });
    const { resend, acked } = await consumeViaMailbox(emailJob("booking_confirmed", bookingId));
    expect(acked).toBe(true);
    expect(resend.sent[0]!.url).toBe("http://localhost:8787/dev/mailbox/api/emails");

    const row = await env.DB.prepare("SELECT id, subject, attachments FROM dev_mailbox WHERE idempotency_key = ?")
      .bind(`booking_confirmed:${bookingId}`)
      .first<{ id: string; subject: string; attachments: string }>();
    expect(row?.subject).toContain("Your tickets: Orbit Zero");
    const log = await env.DB.prepare("SELECT status, provider_id FROM email_log WHERE id = ?").bind(`booking_confirmed:${bookingId}`).first();
    expect(log).toEqual({ status: "SENT", provider_id: row!.id });

    const browser = new TestBrowser();
    const list = await browser.get("/dev/mailbox");
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain("demo@marquee.test");
    expect(listHtml).toContain(`/dev/mailbox/${row!.id}`);

    const page = await browser.get(`/dev/mailbox/${row!.id}`);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('sandbox=""');
    expect(pageHtml).toContain("K7, K8");

    const part = await browser.get(`/dev/mailbox/${row!.id}/html`);
    expect(part.headers.get("Content-Security-Policy")).toContain("sandbox");
    const partHtml = await part.text();
    expect(partHtml).toContain('src="data:image/png;base64,');
    expect(partHtml).not.toContain("cid:ticket-qr");

    // The QR in the email decodes to a token the door check accepts, for exactly this booking.
    const [qr] = JSON.parse(row!.attachments) as { content: string }[];
    const token = await decodeQrPng(pngOf(qr!.content));
    const check = await checkInTicket(testServices(), token!, DOOR);
    expect(check).toMatchObject({ kind: "checked_in", ticket: { bookingId }, admitted: ["K7", "K8"] });
    const tampered = token!.replace(bookingId, `${bookingId.slice(0, -1)}${bookingId.endsWith("x") ? "y" : "x"}`);
    expect(await checkInTicket(testServices(), tampered, DOOR)).toEqual({ kind: "invalid" });
    expect(await checkInTicket(testServices(), `${token!.slice(0, -3)}AAA`, DOOR)).toEqual({ kind: "invalid" });
  });

  it("deduplicates by Idempotency-Key like Resend, and answers invalid bodies with Resend's 422", async () => {
    const post = (body: unknown, key?: string) =>
      exports.default.fetch(
        new Request("http://localhost/dev/mailbox/api/emails", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { Authorization: "Bearer re_local", "Content-Type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
        }),
      );
    const mail = { from: "Marquee <t@marquee.example>", to: "a@example.com", subject: "Hi", text: "hello" };
    const first = (await (await post(mail, "same-key")).json()) as { id: string };
    const second = (await (await post(mail, "same-key")).json()) as { id: string };
    expect(second.id).toBe(first.id);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM dev_mailbox WHERE idempotency_key = 'same-key'").first<{ n: number }>();
    expect(count?.n).toBe(1);

    const bad = await post({ ...mail, to: "not-an-address" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ statusCode: 422, name: "validation_error" });
  });

  it("does not exist in production", async () => {
    const prod = { ...env, APP_ENV: "production" } as Env;
    const ctx = createExecutionContext();
    for (const path of ["/dev/mailbox", "/dev/mailbox/api/emails", "/dev/mailbox/preview/booking_confirmed"]) {
      const request = new Request(`http://localhost${path}`, { method: path.includes("/api/") ? "POST" : "GET" }) as Parameters<typeof worker.fetch>[0];
      const res = await worker.fetch(request, prod, ctx);
      expect(res.status, path).toBe(404);
    }
  });

  it("previews every template with a sample booking", async () => {
    const browser = new TestBrowser();
    for (const type of ["booking_confirmed", "refund_issued", "booking_cancelled", "show_reminder"]) {
      const res = await browser.get(`/dev/mailbox/preview/${type}`);
      expect(res.status, type).toBe(200);
      expect(await res.text()).toContain("Orbit Zero");
    }
    const text = await browser.get("/dev/mailbox/preview/refund_issued?format=text");
    expect(await text.text()).toContain("5–7 working days");
    expect((await browser.get("/dev/mailbox/preview/nope")).status).toBe(404);
  });
});

describe("ticket QR on the booking page", () => {
  async function signUp(n: number) {
    const browser = new TestBrowser(`10.9.0.${n}`);
    const email = `qr-${n}-${Date.now()}@example.com`;
    const res = await signUpVerified(browser, { name: `QR Fan ${n}`, email });
    expect(res.status).toBe(302);
    const user = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first<{ id: string }>();
    return { browser, userId: user!.id };
  }

  it("serves the same QR as the email to the owner only, and none for a cancelled booking", async () => {
    const owner = await signUp(1);
    const stranger = await signUp(2);
    const showtimeId = await createShowtime();
    const bookingId = await insertBooking({ showtimeId, userId: owner.userId });
    const cancelledId = await insertBooking({ showtimeId, userId: owner.userId, status: "CANCELLED", seats: [{ seatId: "A1", category: "CLASSIC", pricePaise: 18000 }] });

    const res = await owner.browser.get(`/bookings/${bookingId}/ticket.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(res.headers.get("Cache-Control")).toContain("private");
    const svg = await res.text();
    expect(svg).toBe(qrSvg(await ticketToken(KEYS, bookingId), `Ticket ${bookingId}`));

    expect((await stranger.browser.get(`/bookings/${bookingId}/ticket.svg`)).status).toBe(404);
    expect((await owner.browser.get(`/bookings/${cancelledId}/ticket.svg`)).status).toBe(404);
    expect((await owner.browser.get(`/bookings/no-such-booking/ticket.svg`)).status).toBe(404);
    const anonymous = await new TestBrowser().get(`/bookings/${bookingId}/ticket.svg`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
  });

  it("door check refuses cancelled and already checked-in tickets", async () => {
    const showtimeId = await createShowtime({ startsInMs: DOORS_OPEN });
    const cancelled = await insertBooking({ showtimeId, status: "CANCELLED" });
    const used = await insertBooking({ showtimeId, seats: [{ seatId: "B2", category: "CLASSIC", pricePaise: 18000 }] });
    await env.DB.batch([
      env.DB.prepare("UPDATE bookings SET checked_in_at = ? WHERE id = ?").bind(Date.now(), used),
      env.DB.prepare("UPDATE booking_seats SET checked_in_at = ? WHERE booking_id = ?").bind(Date.now(), used),
    ]);
    expect(await checkInTicket(testServices(), await ticketToken(KEYS, cancelled), DOOR)).toMatchObject({ kind: "refused", refusal: { reason: "cancelled", status: "CANCELLED" } });
    expect(await checkInTicket(testServices(), await ticketToken(KEYS, used), DOOR)).toMatchObject({ kind: "already_checked_in" });
    expect(await checkInTicket(testServices(), await ticketToken(KEYS, "bk-never-existed"), DOOR)).toEqual({ kind: "not_found" });
  });
});
