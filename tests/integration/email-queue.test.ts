import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { worker } from "#tests/helpers/worker";
import { emailJob, type EmailJob } from "#app/email/job";
import { requeueDeadLetter } from "#app/email/log.server";
import { insertBooking, type TestBookingOpts } from "#tests/helpers/bookings";
import { mockResend, resendFail, resendOk } from "#tests/helpers/resend-mock";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

// With a key the consumer talks to "real" Resend (mocked at fetch); getConfig caches per env object.
const resendEnv = { ...env, RESEND_API_KEY: "re_test_key" } as Env;

beforeAll(async () => {
  await seedDemoData();
});

afterEach(() => {
  vi.restoreAllMocks();
});

let msgN = 0;
async function deliver(job: unknown, opts: { attempts?: number; id?: string; queue?: string; env?: Env } = {}) {
  const id = opts.id ?? `msg-${++msgN}`;
  const batch = createMessageBatch(opts.queue ?? "marquee-email", [{ id, timestamp: new Date(), attempts: opts.attempts ?? 1, body: job }]);
  const delays = retryDelays(batch);
  const ctx = createExecutionContext();
  await worker.queue(batch, opts.env ?? resendEnv);
  const result = await getQueueResult(batch, ctx);
  const retried = result.retryMessages.some((m) => m.msgId === id);
  return { id, acked: result.explicitAcks.includes(id), retry: retried ? { delaySeconds: delays.get(id) } : null };
}

/** getQueueResult reports that a message was retried but not its delay, so the delay is read off retry() itself. */
function retryDelays(batch: MessageBatch): Map<string, number | undefined> {
  const delays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    vi.spyOn(message, "retry").mockImplementation((options) => {
      delays.set(message.id, options?.delaySeconds);
      retry(options);
    });
  }
  return delays;
}

async function booking(opts: Partial<TestBookingOpts> = {}) {
  return insertBooking({ showtimeId: await createShowtime(), ...opts });
}

function logRow(job: EmailJob) {
  return env.DB.prepare("SELECT status, attempts, provider_id, last_error FROM email_log WHERE id = ?")
    .bind(job.idempotencyKey)
    .first<{ status: string; attempts: number; provider_id: string | null; last_error: string | null }>();
}

describe("email consumer", () => {
  it("sends a confirmation once, with the job's idempotency key, and logs the provider id", async () => {
    const job = emailJob("booking_confirmed", await booking({ seats: [{ seatId: "K7", category: "PRIME", pricePaise: 25000 }, { seatId: "K8", category: "PRIME", pricePaise: 25000 }] }));
    const resend = mockResend(() => resendOk("re_sent_1"));
    const r = await deliver(job);
    expect(r).toMatchObject({ acked: true, retry: null });
    expect(resend.sent).toHaveLength(1);
    const [mail] = resend.sent;
    expect(mail!.url).toBe("https://api.resend.com/emails");
    expect(mail!.idempotencyKey).toBe(job.idempotencyKey);
    expect(mail!.body.to).toEqual(["demo@marquee.test"]);
    expect(mail!.body.text).toContain("K7, K8");
    expect(mail!.body.attachments?.[0]).toMatchObject({ content_id: "ticket-qr", content_type: "image/png" });
    expect(await logRow(job)).toMatchObject({ status: "SENT", attempts: 1, provider_id: "re_sent_1", last_error: null });
  });

  it("sends an operator's re-send as a new email under its own key, once, and refuses a forged key", async () => {
    const id = await booking();
    const resend = mockResend(() => resendOk("re_again"));
    await deliver(emailJob("booking_confirmed", id));
    const again = emailJob("booking_confirmed", id, 1_700_000_000_000);
    expect((await deliver(again)).acked).toBe(true);
    expect((await deliver(again)).acked).toBe(true);
    expect(resend.sent.map((m) => m.idempotencyKey)).toEqual([`booking_confirmed:${id}`, `booking_confirmed:${id}:resend:1700000000000`]);
    const forged = { type: "booking_confirmed", bookingId: id, idempotencyKey: `booking_confirmed:${id}:whatever` };
    expect((await deliver(forged)).acked).toBe(true);
    expect(resend.sent).toHaveLength(2);
  });

  it.each([
    ["a 500", () => resendFail(500, "internal_server_error")],
    // A 429 is first waited out inside the invocation (Retry-After): tests/integration/email-crowd.test.ts.
    ["a network error", () => "network-error" as const],
  ])("retries %s with a growing delay, then sends", async (_label, failure) => {
    const job = emailJob("booking_confirmed", await booking());
    const resend = mockResend((_req, call) => (call <= 3 ? failure() : resendOk("re_after_retries")));
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3]) {
      const r = await deliver(job, { attempts, id: `retry-${job.bookingId}` });
      expect(r.acked).toBe(false);
      delays.push(r.retry?.delaySeconds);
    }
    expect(delays).toEqual([30, 60, 120]);
    expect((await logRow(job))?.status).toBe("RETRYING");
    expect((await logRow(job))?.last_error).toBeTruthy();
    expect(await deliver(job, { attempts: 4, id: `retry-${job.bookingId}` })).toMatchObject({ acked: true, retry: null });
    expect(resend.sent).toHaveLength(4);
    expect(new Set(resend.sent.map((s) => s.idempotencyKey))).toEqual(new Set([job.idempotencyKey]));
    expect(await logRow(job)).toMatchObject({ status: "SENT", attempts: 4, provider_id: "re_after_retries" });
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    const job = emailJob("booking_confirmed", await booking());
    mockResend(() => resendFail(429, "rate_limit_exceeded", { "retry-after": "75" }));
    expect((await deliver(job)).retry?.delaySeconds).toBe(75);
  });

  it("records a 422 as FAILED and does not retry it, not even on redelivery", async () => {
    const job = emailJob("booking_confirmed", await booking());
    const resend = mockResend(() => resendFail(422, "validation_error"));
    expect(await deliver(job)).toMatchObject({ acked: true, retry: null });
    expect(await logRow(job)).toMatchObject({ status: "FAILED", attempts: 1 });
    expect((await logRow(job))?.last_error).toContain("422 validation_error");
    expect(await deliver(job)).toMatchObject({ acked: true, retry: null });
    expect(resend.sent).toHaveLength(1);
  });

  it("sends nothing new on redelivery of the same message or a duplicate message", async () => {
    const job = emailJob("booking_confirmed", await booking());
    const resend = mockResend(() => resendOk());
    const first = await deliver(job, { id: "dup-original" });
    expect(first.acked).toBe(true);
    expect(await deliver(job, { id: "dup-original", attempts: 2 })).toMatchObject({ acked: true, retry: null });
    expect(await deliver(job, { id: "dup-other" })).toMatchObject({ acked: true, retry: null });
    expect(resend.sent).toHaveLength(1);
    expect((await logRow(job))?.attempts).toBe(1);
  });

  it("lets only one of two duplicates in the same batch send; the other looks again later", async () => {
    const job = emailJob("refund_issued", await booking({ status: "REFUNDED", refundPaise: 50000 }));
    const resend = mockResend(() => resendOk());
    const batch = createMessageBatch("marquee-email", [
      { id: "twin-a", timestamp: new Date(), attempts: 1, body: job },
      { id: "twin-b", timestamp: new Date(), attempts: 1, body: job },
    ]);
    const delays = retryDelays(batch);
    const ctx = createExecutionContext();
    await worker.queue(batch, resendEnv);
    const result = await getQueueResult(batch, ctx);
    expect(resend.sent).toHaveLength(1);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(1);
    expect(delays.get(result.retryMessages[0]!.msgId)).toBeGreaterThanOrEqual(30);
    // When the held-back twin comes back, the email is SENT: it is acked without a second send.
    expect(await deliver(job, { id: result.retryMessages[0]!.msgId, attempts: 2 })).toMatchObject({ acked: true });
    expect(resend.sent).toHaveLength(1);
    expect(resend.sent[0]!.body.text).toContain("5–7 working days");
  });

  it("skips a confirmation whose booking was cancelled before the message was consumed", async () => {
    const job = emailJob("booking_confirmed", await booking({ status: "CANCELLED" }));
    const resend = mockResend(() => resendOk());
    expect(await deliver(job)).toMatchObject({ acked: true, retry: null });
    expect(resend.sent).toHaveLength(0);
    expect(await logRow(job)).toMatchObject({ status: "SKIPPED" });
  });

  it("records and acks a malformed message or an unknown booking instead of retrying it forever", async () => {
    const resend = mockResend(() => resendOk());
    const bad = await deliver({ type: "booking_confirmed", bookingId: "" }, { id: "malformed-1" });
    expect(bad).toMatchObject({ acked: true, retry: null });
    const forged = await deliver({ ...emailJob("booking_confirmed", "bk-a"), idempotencyKey: "booking_confirmed:bk-b" }, { id: "malformed-2" });
    expect(forged.acked).toBe(true);
    const unknown = await deliver(emailJob("booking_confirmed", "bk-does-not-exist"), { id: "unknown-1" });
    expect(unknown.acked).toBe(true);
    expect(resend.sent).toHaveLength(0);
    const { results } = await env.DB.prepare("SELECT id, reason FROM email_dead_letters WHERE id IN ('malformed-1', 'malformed-2', 'unknown-1') ORDER BY id").all<{ id: string; reason: string }>();
    expect(results.map((r) => r.id)).toEqual(["malformed-1", "malformed-2", "unknown-1"]);
    expect(results[0]!.reason).toMatch(/^malformed message: bookingId/);
    expect(results[2]!.reason).toContain("not found");
  });

  it("in production without RESEND_API_KEY retries (ending in the DLQ) rather than mailing a local mailbox", async () => {
    const job = emailJob("booking_confirmed", await booking());
    const resend = mockResend(() => resendOk());
    const r = await deliver(job, { env: { ...env, APP_ENV: "production" } as Env });
    expect(r.retry?.delaySeconds).toBe(30);
    expect(resend.sent).toHaveLength(0);
    expect(await logRow(job)).toMatchObject({ status: "RETRYING", last_error: "RESEND_API_KEY is not set" });
  });
});

describe("dead-letter queue", () => {
  it("records each dead message once, marks the email FAILED, and can queue it again", async () => {
    const job = emailJob("booking_confirmed", await booking());
    mockResend(() => resendFail(503, "application_error"));
    await deliver(job, { attempts: 6 });
    expect((await logRow(job))?.status).toBe("RETRYING");

    const first = await deliver(job, { queue: "marquee-email-dlq", id: "dead-1", attempts: 1 });
    const again = await deliver(job, { queue: "marquee-email-dlq", id: "dead-1", attempts: 2 });
    expect(first.acked && again.acked).toBe(true);
    const rows = await env.DB.prepare("SELECT body, reason, resent_at FROM email_dead_letters WHERE id = 'dead-1'").all<{ body: string; reason: string; resent_at: number | null }>();
    expect(rows.results).toHaveLength(1);
    expect(JSON.parse(rows.results[0]!.body)).toEqual(job);
    expect(rows.results[0]!.reason).toBe("retries exhausted");
    expect(await logRow(job)).toMatchObject({ status: "FAILED" });

    const send = vi.fn(async () => {});
    const queue = { send } as unknown as Queue;
    expect(await requeueDeadLetter({ DB: env.DB, BOOKINGS_1: env.BOOKINGS_1, EMAIL_QUEUE: queue }, "dead-1", Date.now())).toBe("requeued");
    expect(send).toHaveBeenCalledWith(job, { contentType: "json" });
    expect(await logRow(job)).toMatchObject({ status: "RETRYING" });
    expect(await requeueDeadLetter({ DB: env.DB, BOOKINGS_1: env.BOOKINGS_1, EMAIL_QUEUE: queue }, "no-such-letter", Date.now())).toBe("not_found");

    // The re-sent job is now claimable and goes out.
    const resend = mockResend(() => resendOk("re_resent"));
    expect((await deliver(job)).acked).toBe(true);
    expect(resend.sent).toHaveLength(1);
    expect(await logRow(job)).toMatchObject({ status: "SENT", provider_id: "re_resent" });
  });
});
