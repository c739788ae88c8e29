import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { EmailJob } from "#app/email/job";
import { enqueueOwedConfirmations } from "#app/email/owed.server";
import { insertBooking } from "#tests/helpers/bookings";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

beforeAll(async () => {
  await seedDemoData();
});

const MINUTE = 60_000;

async function logRow(bookingId: string, status: string, attempts: number, updatedAt: number) {
  await env.DB.prepare("INSERT INTO email_log (id, booking_id, type, recipient, status, attempts, created_at, updated_at) VALUES (?1, ?2, 'booking_confirmed', 'fan@example.com', ?3, ?4, ?5, ?5)")
    .bind(`booking_confirmed:${bookingId}`, bookingId, status, attempts, updatedAt)
    .run();
}

describe("confirmation emails still owed (cron; found by the chaos run, ADR 028)", () => {
  it("queues again a confirmation never queued or lost by the queue, never one sent or not yet due", async () => {
    const now = Date.now();
    const st = await createShowtime({ startsInMs: 48 * 60 * MINUTE });
    const seat = (n: number) => [{ seatId: `B${n}`, category: "CLASSIC", pricePaise: 18000 }];
    // The Worker died between confirming and queueing: no log row at all.
    const neverQueued = await insertBooking({ showtimeId: st, confirmedAt: now - 10 * MINUTE, seats: seat(1) });
    // A retry the queue should have brought back long ago (attempt 1: 30 s backoff).
    const lostRetry = await insertBooking({ showtimeId: st, confirmedAt: now - 20 * MINUTE, seats: seat(2) });
    await logRow(lostRetry, "RETRYING", 1, now - 15 * MINUTE);
    // A claim whose consumer died mid-send, well past its lease.
    const deadClaim = await insertBooking({ showtimeId: st, confirmedAt: now - 20 * MINUTE, seats: seat(3) });
    await logRow(deadClaim, "SENDING", 1, now - 15 * MINUTE);
    // Not owed: sent; a retry not due back yet (attempt 6: 16 min backoff); confirmed a moment ago; cancelled.
    const sent = await insertBooking({ showtimeId: st, confirmedAt: now - 20 * MINUTE, seats: seat(4) });
    await logRow(sent, "SENT", 1, now - 19 * MINUTE);
    const retryingSoon = await insertBooking({ showtimeId: st, confirmedAt: now - 20 * MINUTE, seats: seat(5) });
    await logRow(retryingSoon, "RETRYING", 6, now - 15 * MINUTE);
    const justConfirmed = await insertBooking({ showtimeId: st, confirmedAt: now - 30_000, seats: seat(6) });
    const cancelled = await insertBooking({ showtimeId: st, status: "CANCELLED", confirmedAt: now - 20 * MINUTE, seats: seat(7) });

    const sendBatch = vi.fn(async (_messages: MessageSendRequest<EmailJob>[]) => {});
    const queueEnv = { ...env, EMAIL_QUEUE: { sendBatch } as unknown as Queue } as Env;
    expect(await enqueueOwedConfirmations(queueEnv, now)).toBeGreaterThanOrEqual(3);
    const queued = sendBatch.mock.calls.flatMap(([messages]) => messages.map((m) => m.body));
    for (const id of [neverQueued, lostRetry, deadClaim]) {
      expect(queued).toContainEqual({ type: "booking_confirmed", bookingId: id, idempotencyKey: `booking_confirmed:${id}` });
    }
    for (const id of [sent, retryingSoon, justConfirmed, cancelled]) expect(queued.map((q) => q.bookingId)).not.toContain(id);
  });
});
