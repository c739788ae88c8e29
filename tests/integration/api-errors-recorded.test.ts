import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { worker } from "#tests/helpers/worker";
import { expectConsoleError } from "#tests/helpers/console";
import { seedDemoData } from "#tests/helpers/seed";

type WorkerRequest = Parameters<typeof worker.fetch>[0];

/** D1 failing every statement (the chaos switch), on a copy of the env so nothing else sees it. */
const failingD1 = () => ({ ...env, DB: env.DB, CHAOS: "d1_error=1" }) as Env;

async function d1Errors(): Promise<{ reason: string | null; detail: string | null }[]> {
  const { results } = await env.DB.prepare("SELECT reason, detail FROM obs_events WHERE kind = 'error.d1' ORDER BY id").all<{ reason: string | null; detail: string | null }>();
  return results;
}

describe("a D1 failure behind the JSON API reaches the control room (ADR 029)", () => {
  it("answers the fan a JSON 500 and records one error.d1 event for the API path", async () => {
    await seedDemoData();
    const before = (await d1Errors()).length;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request("http://localhost/api/search?q=monsoon") as WorkerRequest, failingD1(), ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "internal", message: "Something went wrong on our side." } });
    expectConsoleError(/api\.internal/);
    const after = await d1Errors();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toEqual({ reason: "reset", detail: "api" });
  });

  it("records a page's D1 failure the same way, through the same reporter", async () => {
    const before = (await d1Errors()).length;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request("http://localhost/movies/monsoon-express") as WorkerRequest, failingD1(), ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    expectConsoleError(/request\.failed/);
    const after = await d1Errors();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toEqual({ reason: "reset", detail: "movies" });
  });
});
