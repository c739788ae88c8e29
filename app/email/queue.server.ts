import { accountEmailJob, emailJob, type AccountEmailJob, type EmailJob } from "./job";

/**
 * Puts an email on the queue. The request that confirms a booking never waits for the mail server:
 * it only waits for the queue to accept a few hundred bytes.
 */
export async function enqueueEmail(env: Pick<Env, "EMAIL_QUEUE">, type: EmailJob["type"], bookingId: string, opts: { resend?: number } = {}): Promise<void> {
  await env.EMAIL_QUEUE.send(emailJob(type, bookingId, opts.resend), { contentType: "json" });
}

export async function enqueueAccountEmail(env: Pick<Env, "EMAIL_QUEUE">, type: AccountEmailJob["type"], userId: string, ref: string): Promise<void> {
  await env.EMAIL_QUEUE.send(accountEmailJob(type, userId, ref), { contentType: "json" });
}
