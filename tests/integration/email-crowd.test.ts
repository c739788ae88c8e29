import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { consumeEmailBatch, RATE_HEADROOM, RATE_LIMIT_WAIT_BUDGET_MS } from "#app/email/consumer.server";
import { emailJob, type EmailJob } from "#app/email/job";
import { insertBooking } from "#tests/helpers/bookings";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

// The consumer at crowd speed (ADR 029): paced, batched where the email allows it, 429s waited out
// on a fake clock (no real sleeping), and never a second send for a key.
const crowdEnv = { ...env, RESEND_API_KEY: "re_test_key", EMAIL_SEND_PER_SECOND: "2", EMAIL_BATCH: "on" } as Env;

beforeAll(async () => {
  await seedDemoData();
});

afterEach(() => {
  vi.restoreAllMocks();
});

type Call = { path: string; key: string | null; count: number };

/** Stands in for Resend at fetch: `/emails` and `/emails/batch`; `respond` decides per call. */
function provider(respond: (call: Call, n: number) => Response) {
  const calls: Call[] = [];
  const accepted: string[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const body = (await request.json()) as unknown;
    const call = { path, key: request.headers.get("Idempotency-Key"), count: Array.isArray(body) ? body.length : 1 };
    calls.push(call);
    const answer = respond(call, calls.length);
    if (answer.ok) accepted.push(...(Array.isArray(body) ? body.map((_, i) => `${call.key}#${i}`) : [call.key ?? ""]));
    return answer;
  });
  return { calls, accepted };
}

const ok = (call: Call) =>
  call.path.endsWith("/batch") ? Response.json({ data: Array.from({ length: call.count }, (_, i) => ({ id: `re_b${i}` })) }) : Response.json({ id: "re_1" });
const tooMany = (retryAfter: string) =>
  Response.json({ statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { status: 429, headers: { "Retry-After": retryAfter } });

/** A clock that only moves when the consumer sleeps. */
function fakeClock(start = Date.now()) {
  let t = start;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps };
}

let seatN = 0;
/** A confirmed booking on its own seat (seats are unique per show). */
const bookingOn = (showtimeId: string) => insertBooking({ showtimeId, seats: [{ seatId: `A${++seatN}`, category: "PRIME", pricePaise: 25000 }] });

let msgN = 0;
async function deliverAll(jobs: EmailJob[], clock = fakeClock(), on: Env = crowdEnv) {
  const batch = createMessageBatch("marquee-email", jobs.map((body) => ({ id: `crowd-${++msgN}`, timestamp: new Date(), attempts: 1, body })));
  const delays = new Map<string, number | undefined>();
  for (const m of batch.messages) {
    const retry = m.retry.bind(m);
    vi.spyOn(m, "retry").mockImplementation((o) => {
      delays.set(m.id, o?.delaySeconds);
      retry(o);
    });
  }
  const ctx = createExecutionContext();
  await consumeEmailBatch(batch, on, { now: clock.now, sleep: clock.sleep });
  const result = await getQueueResult(batch, ctx);
  return { ids: batch.messages.map((m) => m.id), acked: result.explicitAcks, retried: result.retryMessages.map((m) => m.msgId), delays, clock };
}

async function statuses(jobs: EmailJob[]) {
  const rows = await Promise.all(jobs.map((j) => env.DB.prepare("SELECT status FROM email_log WHERE id = ?").bind(j.idempotencyKey).first<{ status: string }>()));
  return rows.map((r) => r?.status);
}

describe("email consumer at crowd speed", () => {
  it("waits out a 429 for its Retry-After, then sends each email exactly once", async () => {
    const st = await createShowtime();
    const jobs = [emailJob("booking_confirmed", await bookingOn(st)), emailJob("booking_confirmed", await bookingOn(st))];
    const p = provider((call, n) => (n === 1 ? tooMany("3") : ok(call)));
    const r = await deliverAll(jobs);
    expect(r.acked.sort()).toEqual([...r.ids].sort());
    expect(r.retried).toEqual([]);
    // Three seconds of Retry-After, then the pace (2 a second): never sooner.
    expect(r.clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3000);
    expect(p.calls.map((c) => c.key)).toEqual([jobs[0]!.idempotencyKey, jobs[0]!.idempotencyKey, jobs[1]!.idempotencyKey]);
    expect(p.accepted).toEqual([jobs[0]!.idempotencyKey, jobs[1]!.idempotencyKey]);
    expect(await statuses(jobs)).toEqual(["SENT", "SENT"]);

    // The same messages again (a redelivery): the claims are final, nothing is sent.
    const again = await deliverAll(jobs);
    expect(again.acked).toHaveLength(2);
    expect(p.calls).toHaveLength(3);
  });

  it("hands the rest back to the queue when 429s outlast the invocation's budget, and sends once on redelivery", async () => {
    const st = await createShowtime();
    const jobs = [emailJob("booking_confirmed", await bookingOn(st)), emailJob("booking_confirmed", await bookingOn(st))];
    const longer = String(RATE_LIMIT_WAIT_BUDGET_MS / 1000 + 30);
    const p = provider(() => tooMany(longer));
    const r = await deliverAll(jobs);
    expect(r.acked).toEqual([]);
    expect(r.retried.sort()).toEqual([...r.ids].sort());
    // Never sooner than Retry-After.
    for (const id of r.ids) expect(r.delays.get(id)).toBeGreaterThanOrEqual(Number(longer));
    // The second email was not even tried once the first had spent the budget.
    expect(p.calls).toHaveLength(1);
    expect(await statuses(jobs)).toEqual(["RETRYING", "RETRYING"]);

    p.calls.length = 0;
    vi.restoreAllMocks();
    const q = provider((call) => ok(call));
    const later = await deliverAll(jobs);
    expect(later.acked).toHaveLength(2);
    expect(q.accepted).toEqual(jobs.map((j) => j.idempotencyKey));
    expect(await statuses(jobs)).toEqual(["SENT", "SENT"]);
  });

  it("sends emails without attachments through the batch endpoint, paced, once", async () => {
    const st = await createShowtime();
    const reminders: EmailJob[] = [];
    for (let i = 0; i < 3; i++) reminders.push(emailJob("show_reminder", await bookingOn(st)));
    const confirmation = emailJob("booking_confirmed", await bookingOn(st));
    const p = provider((call) => ok(call));
    const r = await deliverAll([...reminders, confirmation]);
    expect(r.acked).toHaveLength(4);
    // One batch request for the three reminders; the confirmation (QR and .ics attached) alone.
    expect(p.calls.map((c) => [c.path.replace(/^.*\/emails/, "/emails"), c.count])).toEqual([
      ["/emails/batch", 3],
      ["/emails", 1],
    ]);
    expect(p.calls[0]!.key).toMatch(/^batch:[0-9a-f]{40}$/);
    // Two requests at 2 a second (less the headroom): the second waited its slot.
    expect(r.clock.sleeps).toHaveLength(1);
    expect(r.clock.sleeps[0]).toBeCloseTo(1000 / (2 * RATE_HEADROOM), 0);
    expect(await statuses([...reminders, confirmation])).toEqual(["SENT", "SENT", "SENT", "SENT"]);
    const again = await deliverAll([...reminders, confirmation]);
    expect(again.acked).toHaveLength(4);
    expect(p.calls).toHaveLength(2);
  });

  it("keeps a batch's emails claimable when the batch is refused for a moment (5xx)", async () => {
    const st = await createShowtime();
    const reminders = [emailJob("show_reminder", await bookingOn(st)), emailJob("show_reminder", await bookingOn(st))];
    provider(() => Response.json({ statusCode: 500, name: "internal_server_error", message: "boom" }, { status: 500 }));
    const r = await deliverAll(reminders);
    expect(r.retried).toHaveLength(2);
    for (const id of r.ids) expect(r.delays.get(id)).toBe(30);
    expect(await statuses(reminders)).toEqual(["RETRYING", "RETRYING"]);
  });

  it("shares the provider's rate between concurrent consumers (EMAIL_CONSUMER_CONCURRENCY)", async () => {
    const st = await createShowtime();
    const jobs = [emailJob("booking_confirmed", await bookingOn(st)), emailJob("booking_confirmed", await bookingOn(st))];
    provider((call) => ok(call));
    const r = await deliverAll(jobs, fakeClock(), { ...crowdEnv, EMAIL_CONSUMER_CONCURRENCY: "2" } as Env);
    expect(r.acked).toHaveLength(2);
    // 2 a second shared by 2 consumers: 1 a second each (less the headroom).
    expect(r.clock.sleeps).toHaveLength(1);
    expect(r.clock.sleeps[0]).toBeCloseTo(1000 / (1 * RATE_HEADROOM), 0);
  });
});
