import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { EmailJob } from "#app/email/job";
import { enqueueShowReminders } from "#app/email/reminders.server";
import { insertBooking } from "#tests/helpers/bookings";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

beforeAll(async () => {
  await seedDemoData();
});

const HOUR = 3600_000;

describe("show reminders (cron)", () => {
  it("queues one reminder per confirmed booking whose show starts within 3 hours, once", async () => {
    const now = Date.now();
    const soon = await createShowtime({ startsInMs: 2 * HOUR });
    const later = await createShowtime({ startsInMs: 5 * HOUR });
    const due = await insertBooking({ showtimeId: soon, confirmedAt: now - 24 * HOUR });
    const justBooked = await insertBooking({ showtimeId: soon, confirmedAt: now - 30 * 60_000, seats: [{ seatId: "A1", category: "CLASSIC", pricePaise: 18000 }] });
    const cancelled = await insertBooking({ showtimeId: soon, status: "CANCELLED", confirmedAt: now - 24 * HOUR, seats: [{ seatId: "A2", category: "CLASSIC", pricePaise: 18000 }] });
    const notYet = await insertBooking({ showtimeId: later, confirmedAt: now - 24 * HOUR });

    const sendBatch = vi.fn(async (_messages: MessageSendRequest<EmailJob>[]) => {});
    const queueEnv = { ...env, EMAIL_QUEUE: { sendBatch } as unknown as Queue } as Env;
    await enqueueShowReminders(queueEnv, now);
    const queued = sendBatch.mock.calls.flatMap(([messages]) => messages.map((m) => m.body.bookingId));
    expect(queued).toContain(due);
    for (const id of [justBooked, cancelled, notYet]) expect(queued).not.toContain(id);

    // Once the reminder is logged, the next cron run leaves it alone.
    await env.DB.prepare(
      "INSERT INTO email_log (id, booking_id, type, recipient, status, attempts, created_at, updated_at) VALUES (?, ?, 'show_reminder', 'x@example.com', 'SENT', 1, 0, 0)",
    )
      .bind(`show_reminder:${due}`, due)
      .run();
    sendBatch.mockClear();
    await enqueueShowReminders(queueEnv, now + 5 * 60_000);
    expect(sendBatch.mock.calls.flatMap(([messages]) => messages.map((m) => m.body.bookingId))).not.toContain(due);
  });
});
