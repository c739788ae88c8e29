import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { controlRoom } from "#app/admin/live.server";
import type { Staff } from "#app/admin/guard.server";
import { openRoom } from "#app/queue/rooms.server";
import { loggedIn, testServices } from "#tests/helpers/admin";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

let mumbai = "";
let bengaluru = "";
beforeAll(async () => {
  await seedDemoData();
  mumbai = await createShowtime();
  const screen = await env.DB.prepare("SELECT s.id FROM screens s JOIN staff_cinemas sc ON sc.cinema_id = s.cinema_id JOIN users u ON u.id = sc.user_id WHERE u.email = 'manager@marquee.test' LIMIT 1").first<{ id: string }>();
  bengaluru = await createShowtime({ screenId: screen!.id });
  const s = testServices();
  for (const id of [mumbai, bengaluru]) await openRoom(s, { showtimeId: id, opensAt: Date.now() - 60_000, admitPerMinute: 60 });
  const now = Date.now();
  const rows: [string, string | null, string | null][] = [
    ["admission", mumbai, null],
    ["admission", bengaluru, null],
    ["hold.placed", mumbai, null],
    ["hold.refused", bengaluru, "seats_unavailable"],
    ["payment.failed", bengaluru, "BAD_REQUEST_ERROR"],
    ["payment.captured", mumbai, null],
    ["email.sent", null, "mailbox"],
  ];
  await env.DB.batch(rows.map(([kind, st, reason]) => env.DB.prepare("INSERT INTO obs_events (at, kind, showtime_id, reason) VALUES (?, ?, ?, ?)").bind(now - 30_000, kind, st, reason)));
});

const staff = (scope: Staff["scope"]): Staff => ({ id: "usr-x", role: scope.all ? "admin" : "cinema_manager", scope }) as Staff;

describe("the control room", () => {
  it("shows an admin every active on-sale and the Marquee-wide figures", async () => {
    const room = await controlRoom(testServices(), staff({ all: true }));
    expect(room.source).toBe("local");
    expect(room.rooms.map((r) => r.showtimeId).sort()).toEqual([mumbai, bengaluru].sort());
    expect(room.rooms.every((r) => r.stats !== null)).toBe(true);
    const total = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
    expect(total(room.rooms.find((r) => r.showtimeId === mumbai)!.admissions)).toBe(1);
    expect(room.funnel).toMatchObject({ captured: 1, failed: 1 });
    expect(room.holds.refusalsByReason).toEqual([["seats_unavailable", 1]]);
    expect(total(room.wide?.email.sent)).toBe(1);
  });

  it("shows a cinema manager only their cinemas' rooms and those shows' figures", async () => {
    const cinema = await env.DB.prepare("SELECT sc.cinema_id AS id FROM showtimes st JOIN screens sc ON sc.id = st.screen_id WHERE st.id = ?").bind(bengaluru).first<{ id: string }>();
    const room = await controlRoom(testServices(), staff({ all: false, cinemaIds: [cinema!.id] }));
    expect(room.rooms.map((r) => r.showtimeId)).toEqual([bengaluru]);
    expect(room.funnel).toMatchObject({ captured: 0, failed: 1 });
    expect(room.wide).toBeNull();
  });

  it("renders for an admin and for the manager", async () => {
    for (const who of ["admin", "manager"] as const) {
      const { browser } = await loggedIn(who);
      const res = await browser.get("/admin/live");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("Control room");
      expect(html.includes("Alert settings") || html.includes("Save alert settings")).toBe(who === "admin");
    }
  });
});
