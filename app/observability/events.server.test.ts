import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { droppedEvents, errorReason, flushEvents, platformErrorKind, recordEvent, toDataPoint } from "./events.server";
import { placeHold } from "#app/seats/place-hold.server";
import { services } from "#app/utils/context.server";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

beforeAll(async () => {
  await seedDemoData();
});

async function rows(ref: string) {
  return (await env.DB.prepare("SELECT kind, showtime_id, reason, detail, value FROM obs_events WHERE ref = ? ORDER BY id").bind(ref).all()).results;
}

/** A D1 binding whose every write fails (an overloaded database), reads untouched. */
function failingWrites(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "batch") return () => Promise.reject(new Error("D1_ERROR: overloaded"));
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function holdRequest() {
  return new Request("http://localhost/api/showtimes/x/holds", { method: "POST", headers: { "CF-Connecting-IP": "10.9.0.1" } });
}

describe("observability events", () => {
  it("knows a platform failure wrapped by drizzle by its cause", () => {
    const d1 = new Error("D1_ERROR: Database is overloaded. Requests queued for too long.");
    const wrapped = new Error("Failed query: select 1 from movies", { cause: d1 });
    expect(platformErrorKind(wrapped)).toBe("error.d1");
    expect(errorReason(wrapped)).toBe("overloaded");
    expect(platformErrorKind(new Error("Durable Object reset because its code was updated."))).toBe("error.do");
    expect(platformErrorKind(new TypeError("x is undefined"))).toBeNull();
  });

  it("lands in the local store outside production, batched after the request", async () => {
    const ref = `ref-${crypto.randomUUID()}`;
    const ctx = createExecutionContext();
    recordEvent({ env, waitUntil: (p) => ctx.waitUntil(p) }, { kind: "payment.failed", showtimeId: "st-1", reason: "BAD_REQUEST_ERROR", detail: "upi", ref });
    recordEvent({ env, waitUntil: (p) => ctx.waitUntil(p) }, { kind: "webhook.received", detail: "payment.captured", ref, value: 1234 });
    await waitOnExecutionContext(ctx);
    expect(await rows(ref)).toEqual([
      { kind: "payment.failed", showtime_id: "st-1", reason: "BAD_REQUEST_ERROR", detail: "upi", value: 1 },
      { kind: "webhook.received", showtime_id: null, reason: null, detail: "payment.captured", value: 1234 },
    ]);
  });

  it("writes one Analytics Engine data point in production and nothing to D1", async () => {
    const writeDataPoint = vi.fn();
    const ref = `ref-${crypto.randomUUID()}`;
    recordEvent({ env: { ...env, APP_ENV: "production", EVENTS: { writeDataPoint } } }, { kind: "hold.refused", showtimeId: "st-2", reason: "seats_unavailable", ref });
    await flushEvents(env);
    expect(writeDataPoint).toHaveBeenCalledWith(toDataPoint({ kind: "hold.refused", showtimeId: "st-2", reason: "seats_unavailable", ref }));
    expect(writeDataPoint.mock.calls[0]![0]).toEqual({ indexes: ["hold.refused"], blobs: ["hold.refused", "st-2", "seats_unavailable", "", ref], doubles: [1] });
    expect(await rows(ref)).toEqual([]);
  });

  it("never throws: a failing Analytics Engine, a failing D1, or garbage in", async () => {
    const throwing = { writeDataPoint: () => { throw new Error("AE down"); } };
    expect(() => recordEvent({ env: { ...env, APP_ENV: "production", EVENTS: throwing } }, { kind: "admission", showtimeId: "st" })).not.toThrow();
    const broken = { ...env, DB: failingWrites(env.DB) };
    const before = droppedEvents();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(() => recordEvent({ env: broken }, { kind: "hold.placed", showtimeId: "st", value: Number.NaN })).not.toThrow();
    await expect(flushEvents(broken)).resolves.toBeUndefined();
    expect(droppedEvents()).toBeGreaterThan(before);
    expect(JSON.parse(String(warn.mock.calls.at(-1)?.[0]))).toMatchObject({ level: "warn", event: "events.dropped" });
    warn.mockRestore();
  });

  it("a fan's hold goes through while event recording fails", async () => {
    const showtimeId = await createShowtime();
    const throwing = { writeDataPoint: () => { throw new Error("AE down"); } };
    for (const broken of [
      { ...env, APP_ENV: "production", EVENTS: throwing, EVENTS_STORE: "analytics" },
      { ...env, DB: failingWrites(env.DB) },
    ] as Env[]) {
      const ctx = createExecutionContext();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const s = services({ cloudflare: { env: broken, ctx } }, holdRequest());
      const seat = broken.APP_ENV === "production" ? "A1" : "A2";
      const outcome = await placeHold(s, { request: holdRequest(), userId: `usr-events-${seat}`, showtimeId, seatIds: [seat] });
      expect(outcome.ok).toBe(true);
      await waitOnExecutionContext(ctx);
      warn.mockRestore();
    }
  });

  it("records holds and refusals by reason on the hold path", async () => {
    const showtimeId = await createShowtime();
    const ctx = createExecutionContext();
    const s = services({ cloudflare: { env, ctx } }, holdRequest());
    expect((await placeHold(s, { request: holdRequest(), userId: "usr-events-1", showtimeId, seatIds: ["B1", "B2"] })).ok).toBe(true);
    expect((await placeHold(s, { request: holdRequest(), userId: "usr-events-2", showtimeId, seatIds: ["B2"] })).ok).toBe(false);
    await waitOnExecutionContext(ctx);
    const got = (await env.DB.prepare("SELECT kind, reason, value FROM obs_events WHERE showtime_id = ? ORDER BY id").bind(showtimeId).all()).results;
    expect(got).toEqual([
      { kind: "hold.placed", reason: null, value: 2 },
      { kind: "hold.refused", reason: "seats_unavailable", value: 1 },
    ]);
  });
});
