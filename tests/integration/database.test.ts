import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/utils/db.server";
import { getCityBySlug, getShowtimeDetail, moviesShowingInCity, showtimesOfMovieInCity } from "#app/catalogue/queries.server";
import { seedShowtimes } from "#app/db/seed-data.server";
import { seedDemoData } from "#tests/helpers/seed";

const NOW = Date.now();
beforeAll(async () => {
  await seedDemoData(NOW);
});

describe("migrations", () => {
  it("create every table the app uses", async () => {
    const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
    const names = results.map((r) => r.name);
    for (const t of ["cities", "cinemas", "screens", "movies", "showtimes", "users", "sessions", "bookings", "booking_seats", "payments", "refunds", "webhook_events", "email_log"]) {
      expect(names).toContain(t);
    }
  });

  it("seeding twice changes nothing", async () => {
    const count = async () =>
      (await env.DB.prepare("SELECT (SELECT COUNT(*) FROM showtimes) + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM movies) AS n").first<{ n: number }>())!.n;
    const before = await count();
    await seedDemoData(NOW);
    expect(await count()).toBe(before);
  });
});

describe("the database refuses a double sale", () => {
  async function booking(id: string, showtimeId: string) {
    await env.DB.prepare(
      `INSERT INTO bookings (id, user_id, showtime_id, hold_id, status, seats_amount, fee_amount, fee_tax_amount, total_amount, currency, created_at, updated_at)
       VALUES (?, 'usr-demo-customer', ?, ?, 'PENDING_PAYMENT', 18000, 3000, 540, 21540, 'INR', 0, 0)`,
    )
      .bind(id, showtimeId, `hold-${id}`)
      .run();
  }
  const seat = (bookingId: string, showtimeId: string, status: string) =>
    env.DB.prepare(
      "INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES (?, ?, 'C7', 'CLASSIC', 18000, ?)",
    ).bind(bookingId, showtimeId, status);

  it("allows one CONFIRMED row per seat and showtime, and any number of released ones", async () => {
    const st = seedShowtimes(NOW)[5]!.id;
    await booking("bk-a", st);
    await booking("bk-b", st);
    await booking("bk-c", st);
    await seat("bk-a", st, "RELEASED").run();
    await seat("bk-b", st, "CONFIRMED").run();
    await expect(seat("bk-c", st, "CONFIRMED").run()).rejects.toThrow(/UNIQUE constraint failed/);
    await seat("bk-c", st, "RELEASED").run();
    const other = seedShowtimes(NOW)[6]!.id;
    await booking("bk-d", other);
    await seat("bk-d", other, "CONFIRMED").run(); // same seat id, different show: fine
    const { results } = await env.DB.prepare("SELECT booking_id FROM booking_seats WHERE seat_id = 'C7' AND status = 'CONFIRMED' ORDER BY booking_id").all();
    expect(results.map((r) => r.booking_id)).toEqual(["bk-b", "bk-d"]);
  });

  it("rolls back a whole batch when one seat is already sold", async () => {
    const st = seedShowtimes(NOW)[7]!.id;
    await booking("bk-x", st);
    await booking("bk-y", st);
    await seat("bk-x", st, "CONFIRMED").run();
    const batch = env.DB.batch([
      env.DB.prepare("UPDATE bookings SET status = 'CONFIRMED' WHERE id = 'bk-y'"),
      env.DB.prepare("INSERT INTO booking_seats (booking_id, showtime_id, seat_id, category, price_paise, status) VALUES ('bk-y', ?, 'C8', 'CLASSIC', 18000, 'CONFIRMED')").bind(st),
      seat("bk-y", st, "CONFIRMED"),
    ]);
    await expect(batch).rejects.toThrow(/UNIQUE/);
    const row = await env.DB.prepare("SELECT status FROM bookings WHERE id = 'bk-y'").first<{ status: string }>();
    expect(row?.status).toBe("PENDING_PAYMENT");
    const c8 = await env.DB.prepare("SELECT COUNT(*) AS n FROM booking_seats WHERE booking_id = 'bk-y'").first<{ n: number }>();
    expect(c8?.n).toBe(0);
  });
});

describe("catalogue queries", () => {
  const db = () => getDb(env);

  it("lists only movies with upcoming shows in the city", async () => {
    const city = (await getCityBySlug(db(), "delhi"))!;
    const movies = await moviesShowingInCity(db(), city.id, NOW);
    expect(movies.length).toBeGreaterThan(3);
    const later = await moviesShowingInCity(db(), city.id, NOW + 30 * 86_400_000);
    expect(later).toEqual([]);
  });

  it("returns a movie's showtimes in a city in cinema order, nothing from other cities", async () => {
    const city = (await getCityBySlug(db(), "bengaluru"))!;
    const rows = await showtimesOfMovieInCity(db(), "mov-orbit-zero", city.id, NOW - 86_400_000);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.cinemaId.startsWith("cin-blr"))).toBe(true);
  });

  it("joins a showtime to its movie, screen, cinema and city", async () => {
    const st = seedShowtimes(NOW)[0]!;
    const detail = await getShowtimeDetail(db(), st.id);
    expect(detail?.screen.id).toBe(st.screenId);
    expect(detail?.cinema.timeZone).toBe("Asia/Kolkata");
    expect(detail?.showtime.prices.CLASSIC).toBe(18000);
    expect(await getShowtimeDetail(db(), "nope")).toBeUndefined();
  });
});
