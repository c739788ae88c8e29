import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_SCREENS } from "#app/db/seed-data.server";
import { listSeats } from "#app/domain/layout";
import { localDateKey } from "#app/domain/time";
import { cancelAndRefundBooking } from "#app/payments/settle.server";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime, sellInD1 } from "#tests/helpers/showtimes";
import { bookingRow, customer, holdSeats, paySandbox, postCallback, proceedToPay, settleAlarms, testPayments } from "#tests/helpers/payments";

beforeAll(async () => {
  await seedDemoData();
});

const screen = SEED_SCREENS[0]!; // scr-mum-regal-1, at Regal Colaba
const seats = listSeats(screen.layout).map((s) => s.id);

/** The chip for one showtime as the cinema page draws it (without waking its Durable Object). */
async function chip(showtimeId: string) {
  const row = await env.DB.prepare("SELECT starts_at FROM showtimes WHERE id = ?").bind(showtimeId).first<{ starts_at: number }>();
  const date = localDateKey(row!.starts_at, "Asia/Kolkata");
  const html = await (await new TestBrowser().get(`/cinemas/regal-colaba?date=${date}`)).text();
  const li = new RegExp(`<li data-showtime="${showtimeId}" data-availability="([a-z_]+)">(?:(?!</li>).)*</li>`).exec(html);
  return { availability: li?.[1], html: li?.[0] ?? "" };
}

describe("showtime chips", () => {
  it("show the price range and move from available to filling fast on a sale, and back on a release", async () => {
    const st = await createShowtime({ startsInMs: 3 * 3600_000, screenId: screen.id });
    // Half the house less one seat, sold earlier.
    const half = Math.ceil(screen.seatCount / 2);
    await sellInD1(st, `bk-avail-${st}`, seats.slice(0, half - 1));
    const before = await chip(st);
    expect(before.availability).toBe("available");
    expect(before.html).toContain("₹180–₹450");

    // A fan buys one more seat through the real payment path: half sold is "filling fast".
    const fan = await customer();
    const seat = seats[half]!;
    const booking = await proceedToPay(fan, st, await holdSeats(fan, st, [seat]));
    const { deps } = await testPayments();
    expect((await postCallback(fan, booking.id, await paySandbox(deps, booking.razorpayOrderId!))).status).toBe(302);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    const after = await chip(st);
    expect(after.availability).toBe("filling_fast");
    expect(after.html).toContain("Filling fast");

    // The fan cancels: the seat goes back on sale and the chip says so.
    const cancelled = await cancelAndRefundBooking(deps, booking.id, { refundPaise: 0, reason: "test", by: "customer" });
    expect(cancelled.ok).toBe(true);
    expect((await chip(st)).availability).toBe("available");
    await settleAlarms(st);
  });

  it("say almost full and then sold out, and a sold-out show is not a link", async () => {
    const st = await createShowtime({ startsInMs: 4 * 3600_000, screenId: screen.id });
    await sellInD1(st, `bk-full-a-${st}`, seats.slice(0, Math.ceil(screen.seatCount * 0.85)));
    expect((await chip(st)).availability).toBe("almost_full");
    await sellInD1(st, `bk-full-b-${st}`, seats.slice(Math.ceil(screen.seatCount * 0.85)));
    const full = await chip(st);
    expect(full.availability).toBe("sold_out");
    expect(full.html).not.toContain("href=");
    expect(full.html).toContain("Sold out");
    const counter = await env.DB.prepare("SELECT seats_sold FROM showtime_sales WHERE showtime_id = ?").bind(st).first<{ seats_sold: number }>();
    expect(counter?.seats_sold).toBe(screen.seatCount);
  });

  it("state how fresh they are", async () => {
    const html = await (await new TestBrowser().get("/movies/orbit-zero?city=mumbai")).text();
    expect(html).toMatch(/Availability as of (<!-- -->)?\d{1,2}:\d\d\s?[ap]m/);
  });
});

describe("showtime chips across booking databases (ADR 031)", () => {
  it("count the sales of a show whose cinema sells into another shard, on the cinema and the movie page", async () => {
    const south = SEED_SCREENS.find((sc) => sc.cinemaId === "cin-blr-lido")!;
    const st = await createShowtime({ startsInMs: 5 * 3600_000, screenId: south.id });
    // 85 % of the house sold in shard 1, where this cinema's sales live; the shared database has none of it.
    const sold = listSeats(south.layout).map((s) => s.id).slice(0, Math.ceil(south.seatCount * 0.85));
    await sellInD1(st, `bk1_avail${st.slice(-8)}`, sold, "usr-demo-customer", env.BOOKINGS_1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM booking_seats WHERE showtime_id = ?").bind(st).first<{ n: number }>()).toEqual({ n: 0 });

    const cinema = await env.DB.prepare("SELECT slug FROM cinemas WHERE id = 'cin-blr-lido'").first<{ slug: string }>();
    const row = await env.DB.prepare("SELECT starts_at FROM showtimes WHERE id = ?").bind(st).first<{ starts_at: number }>();
    const date = localDateKey(row!.starts_at, "Asia/Kolkata");
    const chipOf = (html: string) => new RegExp(`<li data-showtime="${st}" data-availability="([a-z_]+)">`).exec(html)?.[1];
    expect(chipOf(await (await new TestBrowser().get(`/cinemas/${cinema!.slug}?date=${date}`)).text())).toBe("almost_full");
    expect(chipOf(await (await new TestBrowser().get(`/movies/orbit-zero?city=bengaluru&date=${date}`)).text())).toBe("almost_full");
  });
});
