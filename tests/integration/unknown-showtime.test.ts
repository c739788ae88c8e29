import { env } from "cloudflare:workers";
import { listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seatsOf } from "#app/seats/gateway.server";
import { TestBrowser, csrfTokenFrom } from "#tests/helpers/browser";
import { loggedIn } from "#tests/helpers/admin";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { seatObject, seatObjectNamespace } from "#tests/helpers/objects";

beforeAll(async () => {
  await seedDemoData();
});

async function storedObjects(): Promise<Set<string>> {
  return new Set((await listDurableObjectIds(seatObjectNamespace())).map((id) => id.toString()));
}

describe("an unknown showtime", () => {
  it("is a 404 everywhere a client can name it, and leaves no seat object behind", async () => {
    const fan = (await loggedIn("customer")).browser;
    const ids = Array.from({ length: 5 }, () => `st-${crypto.randomUUID().slice(0, 8)}`);
    const before = await storedObjects();

    for (const id of ids) {
      const api = await fan.get(`/api/showtimes/${id}/seats`);
      expect(api.status, `seats API for ${id}`).toBe(404);
      expect(await api.json()).toMatchObject({ error: { code: "not_found" } });

      const hold = await fan.fetch(`/api/showtimes/${id}/holds`, {
        method: "POST",
        body: JSON.stringify({ seatIds: ["A1"] }),
        headers: { "Content-Type": "application/json" },
      });
      expect(hold.status).toBe(404);
      expect((await fan.get(`/api/showtimes/${id}/holds/h-1`)).status).toBe(404);
      expect((await fan.fetch(`/api/showtimes/${id}/holds/h-1`, { method: "DELETE" })).status).toBe(404);

      const page = await fan.get(`/showtimes/${id}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("We couldn&#x27;t find that showtime.");
      expect((await fan.get(`/showtimes/${id}/summary`)).status).toBe(404);

      const csrf = csrfTokenFrom(await (await fan.get("/")).text());
      const post = await fan.fetch(`/showtimes/${id}`, {
        method: "POST",
        body: new URLSearchParams({ csrf, seat: "A1" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
      });
      expect(post.status).toBe(404);

      const live = await fan.fetch(`/api/showtimes/${id}/live`, { headers: { Upgrade: "websocket" } });
      expect(live.status).toBe(404);
    }

    const after = await storedObjects();
    for (const id of ids) expect(after.has(seatObjectNamespace().idFromName(id).toString()), id).toBe(false);
    expect(after.size).toBe(before.size);
  });

  it("still opens the seat map of a real showtime", async () => {
    const st = await createShowtime();
    const res = await new TestBrowser().get(`/api/showtimes/${st}/seats`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ showtimeId: st });
  });

  it("an object addressed directly for a missing showtime records no showtime id", async () => {
    const stub = seatsOf(env, "st-direct-missing");
    expect(await stub.hold("u", ["A1"])).toEqual({ ok: false, refusal: { code: "showtime_not_found" } });
    const meta = await runInDurableObject(seatObject("st-direct-missing"), (_o, state) => state.storage.sql.exec("SELECT * FROM meta").toArray());
    expect(meta).toEqual([]);
  });
});


