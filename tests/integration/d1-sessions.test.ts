import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { D1_BOOKMARK_COOKIE, routedD1, withD1Session } from "#app/utils/d1-session.server";
import { TestBrowser } from "#tests/helpers/browser";
import { customer } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";

beforeAll(async () => {
  await seedDemoData();
});

const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** A D1 binding that records which session each statement went through. */
function recordingD1() {
  const opened: string[] = [];
  const ran: string[] = [];
  const fake = {
    withSession(constraint: string) {
      opened.push(constraint);
      return {
        prepare: (sql: string) => (ran.push(`session:${sql}`), env.DB.prepare(sql)),
        batch: (stmts: D1PreparedStatement[]) => env.DB.batch(stmts),
        getBookmark: () => "00000000-00000007-00000000-00000000000000000000000000000000",
      };
    },
    prepare: (sql: string) => (ran.push(`binding:${sql}`), env.DB.prepare(sql)),
    batch: (stmts: D1PreparedStatement[]) => env.DB.batch(stmts),
  } as unknown as D1Database;
  return { fake, opened, ran };
}

describe("D1 sessions (read replication)", () => {
  it("a write request starts at the primary and hands the browser its bookmark; a read starts at that bookmark", async () => {
    const { fake, opened, ran } = recordingD1();
    const db = routedD1(fake);
    const write = await withD1Session(fake, new Request("http://localhost/x", { method: "POST" }), { secure: () => false }, async () => {
      await db.prepare("SELECT 1").first();
      return new Response("ok");
    });
    expect(opened).toEqual(["first-primary"]);
    expect(ran).toEqual(["session:SELECT 1"]);
    const cookie = write.headers.get("Set-Cookie") ?? "";
    expect(cookie).toContain(`${D1_BOOKMARK_COOKIE}=00000000-00000007-`);
    expect(cookie).toContain("HttpOnly");

    const bookmark = decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!);
    const read = await withD1Session(fake, new Request("http://localhost/x", { headers: { Cookie: `${D1_BOOKMARK_COOKIE}=${bookmark}` } }), { secure: () => false }, async () => {
      await db.prepare("SELECT 2").first();
      return new Response("ok");
    });
    expect(opened[1]).toBe(bookmark);
    expect(read.headers.get("Set-Cookie")).toBeNull();
    // Outside a request (queue consumer, cron) statements go to the binding itself.
    await db.prepare("SELECT 3").first();
    expect(ran).toEqual(["session:SELECT 1", "session:SELECT 2", "binding:SELECT 3"]);
  });

  it("ignores a bookmark cookie that isn't one, and reads anywhere instead", async () => {
    const { fake, opened } = recordingD1();
    const db = routedD1(fake);
    for (const junk of ["garbage", "first-primary", "0".repeat(5000)]) {
      await withD1Session(fake, new Request("http://localhost/", { headers: { Cookie: `${D1_BOOKMARK_COOKIE}=${junk}` } }), { secure: () => false }, async () => {
        await db.prepare("SELECT 1").first();
        return new Response("ok");
      });
    }
    // A request that never reads D1 opens no session at all.
    await withD1Session(fake, new Request("http://localhost/", { method: "POST" }), { secure: () => false }, async () => new Response("ok"));
    expect(opened).toEqual(["first-unconstrained", "first-unconstrained", "first-unconstrained"]);
    const page = await new TestBrowser().fetch("/", { headers: { Cookie: `${D1_BOOKMARK_COOKIE}=garbage` } });
    expect(page.status).toBe(200);
  });

  it("through the Worker: signing up leaves a bookmark, and the next page reads the new account", async () => {
    const fan = await customer();
    expect(fan.cookies.get(D1_BOOKMARK_COOKIE)).toMatch(BOOKMARK);
    const page = await (await fan.get("/bookings")).text();
    expect(page).toContain("Payer");
    // A plain page view hands out no bookmark (nothing was written).
    const view = await fan.get("/");
    expect(view.headers.getSetCookie().some((c) => c.startsWith(`${D1_BOOKMARK_COOKIE}=`))).toBe(false);
  });
});
