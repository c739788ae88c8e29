import { backoffSeconds, classifySendError, whyNotSend, type ProviderError } from "#app/domain/email-delivery";
import { hasAttachments, renderBookingEmail, type RenderedEmail } from "./render.server";
import { loadBookingEmailData } from "./booking-data.server";
import { accountEmailJobSchema, emailJobSchema, hasValidKey, type EmailJob } from "./job";
import { handleAccountEmail } from "./account-email.server";
import { claimEmail, finishEmail, finishMany, logOf, recordDeadLetter } from "./log.server";
import { getConfig } from "#app/utils/env.server";
import type { KeyConfig } from "#app/utils/keys.server";
import { BATCH_MAX, createMailer, pacedMailer, type Mailer } from "./mailer.server";
import { flushEvents, recordEvent } from "#app/observability/events.server";
import { log } from "#app/observability/log.server";

type PacedMailer = ReturnType<typeof pacedMailer>;

export const EMAIL_QUEUE_NAME = "marquee-email";
export const EMAIL_DLQ_NAME = "marquee-email-dlq";

type BookingEmailData = NonNullable<Awaited<ReturnType<typeof loadBookingEmailData>>>;

type Deps = {
  now: () => number;
  mailer?: Mailer | null;
  /** How the pacer waits for the next slot (tests move a fake clock instead). */
  sleep?: (ms: number) => Promise<void>;
};

/**
 * The share of the provider's limit the pacer uses. Pacing exactly at the limit meets 429s from
 * jitter (the bench: 1,000 confirmations at 5/s against a 5/s mailbox drained at 2.8/s, each 429
 * costing a 1 s Retry-After; paced at 4.5/s, 4.4/s with no 429 at all).
 */
export const RATE_HEADROOM = 0.9;

/** How long one invocation may wait on the provider's 429s (Retry-After) before handing the rest back to the queue. */
export const RATE_LIMIT_WAIT_BUDGET_MS = 60_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A booking email whose booking is loaded, waiting for its turn at the provider. It is claimed and
 * rendered just before its request (the next one while the pacer waits): the first send does not
 * wait for 100 renders, and no claim waits longer than one request's turn, well inside its lease.
 */
type Ready = { message: Message<unknown>; job: EmailJob; to: string; attachments: boolean; data: BookingEmailData };

/** What claiming and rendering one email came to: send it, or it was dealt with (acked or retried). */
type Turn = { kind: "send"; email: RenderedEmail } | { kind: "done" } | { kind: "deferred" } | { kind: "error"; error: unknown; claimed: boolean };

type Run = {
  env: Env;
  keys: KeyConfig;
  mailer: PacedMailer | null;
  now: () => number;
  /** ms of 429 back-off this invocation has left. */
  waitBudget: number;
  /** Set once the budget is spent: every email not yet sent goes back to the queue with this verdict. */
  giveUp: ProviderError | null;
  giveUpRetryAfter: number | null;
};

/**
 * The `marquee-email` consumer. Every message ends in exactly one of: ack (sent, already sent,
 * permanently failed, skipped, or unusable and recorded) or retry with a growing delay (transient).
 * Nothing is thrown out of here, so one bad message never makes the whole batch redeliver.
 *
 * At crowd speed (ADR 029): every message's booking is loaded first (in parallel); each email is
 * claimed and rendered just before its request (the next one while the pacer waits for this one),
 * and the provider is called at `EMAIL_SEND_PER_SECOND` at most: emails without
 * attachments go up to 100 a request through the batch endpoint, the others one a request. A 429
 * pauses the pacer for its Retry-After and tries again, up to a minute an invocation; after that the
 * rest go back to the queue with a delay. The email_log claim still means at most one send per key.
 */
export async function consumeEmailBatch(batch: MessageBatch<unknown>, env: Env, deps: Deps = { now: Date.now }): Promise<void> {
  const config = getConfig(env);
  const base = deps.mailer === undefined ? createMailer(config) : deps.mailer;
  // Concurrent invocations share the provider's rate (each renders its own emails on its own CPU).
  const perInvocation = (config.EMAIL_SEND_PER_SECOND * RATE_HEADROOM) / config.EMAIL_CONSUMER_CONCURRENCY;
  const mailer = base ? pacedMailer(base, perInvocation, { now: deps.now, sleep: deps.sleep ?? realSleep }) : null;
  const run: Run = { env, keys: config, mailer, now: deps.now, waitBudget: RATE_LIMIT_WAIT_BUDGET_MS, giveUp: null, giveUpRetryAfter: null };
  const ready: Ready[] = [];
  await Promise.all(
    batch.messages.map(async (message) => {
      const r = await prepareEmailMessage(message, env, config, config.APP_ORIGIN, mailer, deps.now);
      if (r) ready.push(r);
    }),
  );
  // Keep the queue's order: claims finish in any order.
  const order = new Map(batch.messages.map((m, i) => [m, i]));
  ready.sort((a, b) => order.get(a.message)! - order.get(b.message)!);
  if (mailer) await sendReady(run, mailer, ready, config.EMAIL_BATCH);
  else for (const item of ready) await noMailer(run, item);
  await flushEvents(env).catch(() => undefined);
}

/** Loads a booking email's data (account emails are handled to the end here). Null: dealt with. */
async function prepareEmailMessage(
  message: Message<unknown>,
  env: Env,
  keys: KeyConfig,
  appOrigin: string,
  mailer: Mailer | null,
  now: () => number,
): Promise<Ready | null> {
  const account = accountEmailJobSchema.safeParse(message.body);
  if (account.success && account.data.idempotencyKey === `${account.data.type}:${account.data.ref}`) {
    await handleAccountEmail(message, account.data, { db: env.DB, keys, appOrigin, mailer, now: now() });
    return null;
  }
  const parsed = emailJobSchema.safeParse(message.body);
  if (!parsed.success || !hasValidKey(parsed.data)) {
    // Retrying cannot fix a malformed body: record it for an operator and let it go.
    const why = parsed.success ? "idempotencyKey does not match type:bookingId" : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    await recordDeadLetter(env.DB, message, `malformed message: ${why}`, now());
    recordEvent({ env }, { kind: "email.dead_lettered", reason: "malformed", ref: message.id });
    message.ack();
    return null;
  }
  const job = parsed.data;
  try {
    const data = await loadBookingEmailData(env, job.bookingId, appOrigin);
    if (!data) {
      await recordDeadLetter(env.DB, message, `booking ${job.bookingId} not found`, now());
      recordEvent({ env }, { kind: "email.dead_lettered", reason: "booking_not_found", ref: message.id });
      message.ack();
      return null;
    }
    return { message, job, to: data.customerEmail, attachments: hasAttachments(job.type), data };
  } catch (error) {
    await ownFailure(env, message, job, false, error, now);
    return null;
  }
}

/** Claims the email_log row; false when the message was dealt with (a twin holds it, already final, or skipped). */
async function claimOne(run: Run, item: Ready): Promise<boolean> {
  const { env, now } = run;
  const { message, job, data } = item;
  const claim = await claimEmail(logOf(env, job), job, data.customerEmail, now());
  if (!claim.claimed) {
    if (claim.status === "SENDING") message.retry({ delaySeconds: claim.retryInSeconds });
    else message.ack(); // a redelivery or duplicate of an email already dealt with
    return false;
  }
  const skip = whyNotSend(job.type, data, now());
  if (skip) {
    await finishEmail(logOf(env, job), job.idempotencyKey, { status: "SKIPPED", error: skip }, now());
    message.ack();
    return false;
  }
  return true;
}

/** Production without RESEND_API_KEY: claimed and retried until an operator sets it (ADR 012). */
async function noMailer(run: Run, item: Ready): Promise<void> {
  const { env, now } = run;
  const { message, job } = item;
  try {
    if (!(await claimOne(run, item))) return;
    await finishEmail(logOf(env, job), job.idempotencyKey, { status: "RETRYING", error: "RESEND_API_KEY is not set" }, now());
    recordEvent({ env }, { kind: "email.retried", reason: "no_api_key", detail: job.type, ref: job.bookingId });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  } catch (error) {
    await ownFailure(env, message, job, false, error, now);
  }
}

/** Claim, then render: never throws. */
async function takeTurn(run: Run, item: Ready): Promise<Turn> {
  let claimed = false;
  try {
    if (run.giveUp) return { kind: "deferred" };
    claimed = await claimOne(run, item);
    if (!claimed) return { kind: "done" };
    return { kind: "send", email: await renderBookingEmail(item.job.type, item.data, run.keys) };
  } catch (error) {
    return { kind: "error", error, claimed };
  }
}

/** Our own failure (D1 hiccup, a rendering bug): retry with backoff; after max_retries the DLQ keeps it. */
async function ownFailure(env: Env, message: Message<unknown>, job: EmailJob, claimed: boolean, error: unknown, now: () => number) {
  const reason = error instanceof Error ? error.message : String(error);
  log.error("email.attempt_failed", { key: job.idempotencyKey, attempt: message.attempts, outcome: "retry", error });
  recordEvent({ env }, { kind: "email.retried", reason: "own_error", detail: job.type, ref: job.bookingId });
  if (claimed) await finishEmail(logOf(env, job), job.idempotencyKey, { status: "RETRYING", error: reason }, now()).catch(() => {});
  message.retry({ delaySeconds: backoffSeconds(message.attempts) });
}

async function sendReady(run: Run, mailer: PacedMailer, ready: Ready[], batching: boolean): Promise<void> {
  const batchable = batching && mailer.sendBatch ? ready.filter((r) => !r.attachments) : [];
  const groups: Ready[][] = [];
  for (let i = 0; i < batchable.length; i += BATCH_MAX) groups.push(batchable.slice(i, i + BATCH_MAX));
  const singles = ready.filter((r) => !batchable.includes(r));
  for (const group of groups) await sendGroup(run, mailer, group);
  // One turn ahead: the next email is claimed and rendered while the pacer waits for this one's slot.
  let next = singles[0] ? takeTurn(run, singles[0]) : null;
  for (let i = 0; i < singles.length; i++) {
    const turn = next!;
    next = singles[i + 1] ? takeTurn(run, singles[i + 1]!) : null;
    await sendOne(run, mailer, singles[i]!, await turn);
  }
}

/** A message whose turn never came (the invocation's 429 budget is spent): back to the queue, unclaimed. */
function defer(run: Run, item: Ready): void {
  const verdict = classifySendError(run.giveUp ?? { statusCode: 429, name: "rate_limit_exceeded", message: "rate limited" }, item.message.attempts, run.giveUpRetryAfter);
  recordEvent({ env: run.env }, { kind: "email.retried", reason: "rate_limited", detail: item.job.type, ref: item.job.bookingId });
  item.message.retry({ delaySeconds: verdict.kind === "retry" ? verdict.delaySeconds : backoffSeconds(item.message.attempts) });
}

/** Calls the provider, waiting out 429s within the invocation's budget. */
async function withRateLimitWaits<R extends { ok: true } | { ok: false; error: ProviderError; retryAfterSeconds: number | null }>(
  run: Run,
  mailer: PacedMailer,
  call: () => Promise<R>,
): Promise<R | null> {
  for (;;) {
    if (run.giveUp) return null;
    const result = await call();
    if (result.ok || result.error.statusCode !== 429) return result;
    const waitMs = Math.max(1, result.retryAfterSeconds ?? 1) * 1000;
    recordEvent({ env: run.env }, { kind: "email.retried", reason: "rate_limited", value: waitMs });
    if (waitMs > run.waitBudget) {
      run.giveUp = result.error;
      run.giveUpRetryAfter = result.retryAfterSeconds;
      return null;
    }
    run.waitBudget -= waitMs;
    mailer.pauseUntil(run.now() + waitMs);
  }
}

async function sendOne(run: Run, mailer: PacedMailer, item: Ready, turn: Turn): Promise<void> {
  const { env, now } = run;
  const { message, job } = item;
  if (turn.kind === "done") return;
  if (turn.kind === "deferred") return defer(run, item);
  if (turn.kind === "error") return ownFailure(env, message, job, turn.claimed, turn.error, now);
  try {
    const result = await withRateLimitWaits(run, mailer, () => mailer.send(item.to, turn.email, job.idempotencyKey));
    if (!result) return await handBack(run, [item]);
    if (result.ok) {
      await finishEmail(logOf(env, job), job.idempotencyKey, { status: "SENT", providerId: result.providerId }, now());
      recordEvent({ env }, { kind: "email.sent", detail: job.type, reason: mailer.transport, ref: job.bookingId });
      message.ack();
      return;
    }
    await settleFailure(run, [item], result.error, result.retryAfterSeconds);
  } catch (error) {
    await ownFailure(env, message, job, true, error, now);
  }
}

/** Up to 100 emails without attachments in one request; each claimed (in parallel) just before it. */
async function sendGroup(run: Run, mailer: PacedMailer, group: Ready[]): Promise<void> {
  const { env, now } = run;
  const turns = await Promise.all(group.map((r) => takeTurn(run, r)));
  const members: { item: Ready; email: RenderedEmail }[] = [];
  for (const [i, turn] of turns.entries()) {
    const item = group[i]!;
    if (turn.kind === "send") members.push({ item, email: turn.email });
    else if (turn.kind === "deferred") defer(run, item);
    else if (turn.kind === "error") await ownFailure(env, item.message, item.job, turn.claimed, turn.error, now);
  }
  // A batch of one is a plain send: its own key, its own provider id.
  if (members.length === 1) return sendOne(run, mailer, members[0]!.item, { kind: "send", email: members[0]!.email });
  if (members.length === 0) return;
  const sending = members.map((m) => m.item);
  try {
    const key = await batchKey(sending.map((r) => r.job.idempotencyKey));
    const result = await withRateLimitWaits(run, mailer, () => mailer.sendBatch!(members.map(({ item, email }) => ({ to: item.to, email })), key));
    if (!result) return await handBack(run, sending);
    if (result.ok) {
      await finishMany(
        env,
        sending.map((r, i) => ({ job: r.job, key: r.job.idempotencyKey, outcome: { status: "SENT" as const, providerId: result.providerIds[i]! } })),
        now(),
      );
      for (const r of sending) {
        recordEvent({ env }, { kind: "email.sent", detail: r.job.type, reason: `${mailer.transport}_batch`, ref: r.job.bookingId });
        r.message.ack();
      }
      return;
    }
    await settleFailure(run, sending, result.error, result.retryAfterSeconds);
  } catch (error) {
    for (const r of sending) await ownFailure(env, r.message, r.job, true, error, now);
  }
}

/** The invocation's 429 budget is spent: back to the queue, after Retry-After (and the usual backoff). */
async function handBack(run: Run, items: Ready[]): Promise<void> {
  await settleFailure(run, items, run.giveUp ?? { statusCode: 429, name: "rate_limit_exceeded", message: "rate limited" }, run.giveUpRetryAfter);
}

async function settleFailure(run: Run, items: Ready[], error: ProviderError, retryAfterSeconds: number | null): Promise<void> {
  const { env, now } = run;
  const outcomes = items.map((r) => ({ r, verdict: classifySendError(error, r.message.attempts, retryAfterSeconds) }));
  await finishMany(
    env,
    outcomes.map(({ r, verdict }) => ({ job: r.job, key: r.job.idempotencyKey, outcome: { status: verdict.kind === "permanent" ? ("FAILED" as const) : ("RETRYING" as const), error: verdict.reason } })),
    now(),
  );
  for (const { r, verdict } of outcomes) {
    const reason = `${error.statusCode ?? "network"}`;
    if (verdict.kind === "permanent") {
      recordEvent({ env }, { kind: "email.failed", reason, detail: r.job.type, ref: r.job.bookingId });
      r.message.ack();
    } else {
      recordEvent({ env }, { kind: "email.retried", reason, detail: r.job.type, ref: r.job.bookingId });
      r.message.retry({ delaySeconds: verdict.delaySeconds });
    }
  }
}

/**
 * The batch request's idempotency key: the same set of emails gives the same key, so a batch
 * retried with the same members is deduplicated by the provider like a single send.
 */
async function batchKey(keys: string[]): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode([...keys].sort().join("\n")));
  return `batch:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 40)}`;
}

/**
 * The `marquee-email-dlq` consumer: a message that exhausted its retries is recorded (idempotent by
 * message id) and its email_log row marked FAILED, so an operator sees it and can re-send it.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env, now: () => number = Date.now): Promise<void> {
  for (const message of batch.messages) {
    await recordDeadLetter(env.DB, message, "retries exhausted", now());
    recordEvent({ env }, { kind: "email.dead_lettered", reason: "retries_exhausted", ref: message.id });
    const job = emailJobSchema.safeParse(message.body);
    if (job.success && hasValidKey(job.data)) {
      await logOf(env, job.data).prepare(
        "UPDATE email_log SET status = 'FAILED', last_error = COALESCE(last_error, '') || ' (gave up: in the dead-letter queue)', updated_at = ? WHERE id = ? AND status IN ('RETRYING', 'SENDING')",
      )
        .bind(now(), job.data.idempotencyKey)
        .run();
    }
    message.ack();
  }
  await flushEvents(env).catch(() => undefined);
}

/** `queue()` of the Worker: one consumer per queue name. */
export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === EMAIL_DLQ_NAME) return consumeDeadLetters(batch, env);
  if (batch.queue === EMAIL_QUEUE_NAME) return consumeEmailBatch(batch, env);
  log.error("queue.no_consumer", { queue: batch.queue, messages: batch.messages.length, outcome: "retry" });
  batch.retryAll();
}
