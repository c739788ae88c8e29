import { vi } from "vitest";

export type SentEmail = {
  url: string;
  idempotencyKey: string | null;
  body: { from: string; to: string[]; subject: string; html?: string; text?: string; attachments?: { content: string; content_id?: string; content_type?: string }[] };
};

/**
 * Stands in for the network under the official `resend` client (vitest 4 has no fetchMock): every
 * outbound fetch must be a POST …/emails; `respond` answers it, or "network-error" makes it throw
 * as an unreachable host would. The client's own error mapping runs unmocked.
 */
export function mockResend(respond: (request: Request, call: number) => Response | Promise<Response> | "network-error") {
  const sent: SentEmail[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== "POST" || !request.url.endsWith("/emails")) throw new Error(`unexpected fetch ${request.method} ${request.url}`);
    sent.push({ url: request.url, idempotencyKey: request.headers.get("Idempotency-Key"), body: await request.clone().json() });
    const answer = await respond(request, sent.length);
    if (answer === "network-error") throw new TypeError("fetch failed: connect ECONNREFUSED");
    return answer;
  });
  return { sent, spy };
}

export const resendOk = (id = `re_${crypto.randomUUID()}`) => Response.json({ id });
export const resendFail = (status: number, name: string, headers: Record<string, string> = {}) =>
  Response.json({ statusCode: status, name, message: `${name} (mock)` }, { status, headers });
