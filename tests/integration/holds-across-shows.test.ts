import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openRoom } from "#app/queue/rooms.server";
import { seatsOf } from "#app/seats/gateway.server";
import { reserveHeldShow } from "#app/seats/held-shows.server";
import { testServices } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import { admitted, postHold, userIdOf } from "#tests/helpers/holds";
import { GOOD_PASSWORD, signUpVerified, uniqueEmail } from "#tests/helpers/accounts";
import { bookingRow, csrfOf, customer, paySandbox, postCallback, proceedToPay, settleAlarms, testPayments } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";
import { SEED_SCREENS } from "#app/db/seed-data.server";

beforeAll(async () => {
  await seedDemoData();
});

// wrangler.toml's MAX_SHOWS_HELD_PER_USER.
const SHOWS_HELD = 3;

type Refusal = { error: { code: string; message: string; location?: string; holds?: { showtimeId: string; href: string }[] } };

async function heldRows(userId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT showtime_id FROM held_shows WHERE user_id = ? AND expires_at > ?").bind(userId, Date.now()).all<{ showtime_id: string }>();
  return results.map((r) => r.showtime_id).sort();
}

/** Shows on which the seat object itself holds seats for the user. */
async function showsHeldInObjects(userId: string, shows: string[]): Promise<string[]> {
  const held: string[] = [];
  for (const st of shows) if ((await seatsOf(env, st).snapshot(userId)).yourHold) held.push(st);
  return held.sort();
}

describe("one account holds seats on at most MAX_SHOWS_HELD_PER_USER shows at once", () => {
  it("racing holds on 5 shows at once: exactly the cap pass; the rest get 409 naming a hold to release, with a link and Retry-After", async () => {
    const shows = await Promise.all(Array.from({ length: 5 }, () => createShowtime()));
    const fan = await customer();
    const userId = await userIdOf(fan);
    const answers = await Promise.all(shows.map((st) => postHold(fan, st, ["D1", "D2"])));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SHOWS_HELD);
    expect(statuses.filter((s) => s === 409)).toHaveLength(shows.length - SHOWS_HELD);
    const won = shows.filter((_, i) => statuses[i] === 201).sort();
    // D1's count and the seat objects agree: no refused show kept a hold, no row outlived a refusal.
    expect(await heldRows(userId)).toEqual(won);
    expect(await showsHeldInObjects(userId, shows)).toEqual(won);
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      const body = (await res.json()) as Refusal;
      expect(body.error.code).toBe("shows_held_limit");
      expect(body.error.message).toMatch(/You're holding seats for 3 shows already .*one person can hold seats for 3 shows at a time\. Release your seats for .* on its summary page \(\/showtimes\/.+\/summary\)/);
      expect(body.error.location).toMatch(/^\/showtimes\/st-test-[^/]+\/summary$/);
      expect(body.error.holds!.map((h) => h.showtimeId).sort()).toEqual(won);
    }
    for (const st of shows) await settleAlarms(st);
  });

  it("a re-hold on a show already held is not a new show; releasing one frees its place at once", async () => {
    const shows = await Promise.all(Array.from({ length: SHOWS_HELD + 1 }, () => createShowtime()));
    const fan = await customer();
    const ids: string[] = [];
    for (const st of shows.slice(0, SHOWS_HELD)) {
      const res = await postHold(fan, st, ["E1"]);
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { holdId: string }).holdId);
    }
    // Changing seats on a held show passes at the cap.
    expect((await postHold(fan, shows[0]!, ["E2", "E3"])).status).toBe(201);
    const refused = await postHold(fan, shows[SHOWS_HELD]!, ["E1"]);
    expect(refused.status).toBe(409);
    // The seat page's form says the same and links to the hold to release.
    const page = await fan.submit(`/showtimes/${shows[SHOWS_HELD]}`, { seat: "E1" });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain("Release your seats for");
    expect(html).toMatch(/href="\/showtimes\/st-test-[^"]+\/summary"/);
    // Releasing through the summary page (the link's target) frees the place for the next hold.
    const summary = `/showtimes/${shows[1]}/summary`;
    expect((await fan.submit(summary, { intent: "release", holdId: ids[1]! })).status).toBe(302);
    expect((await postHold(fan, shows[SHOWS_HELD]!, ["E1"])).status).toBe(201);
    for (const st of shows) await settleAlarms(st);
  });

  it("paying for a hold frees its place (the booking is no longer a hold); an expired hold's place is free without anyone releasing it", async () => {
    const shows = await Promise.all(Array.from({ length: SHOWS_HELD + 2 }, () => createShowtime()));
    const fan = await customer();
    const userId = await userIdOf(fan);
    const holdIds: string[] = [];
    for (const st of shows.slice(0, SHOWS_HELD)) {
      const res = await postHold(fan, st, ["F1"]);
      holdIds.push(((await res.json()) as { holdId: string }).holdId);
    }
    const booking = await proceedToPay(fan, shows[0]!, holdIds[0]!);
    // While paying, the hold still counts.
    expect((await postHold(fan, shows[SHOWS_HELD]!, ["F1"])).status).toBe(409);
    const { deps } = await testPayments();
    expect((await postCallback(fan, booking.id, await paySandbox(deps, booking.razorpayOrderId!))).status).toBe(302);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    expect((await postHold(fan, shows[SHOWS_HELD]!, ["F1"])).status).toBe(201);
    // The window is the hold's own deadline: at a later `now` the rows have lapsed (no sleeping).
    const later = Date.now() + 3600_000;
    const s = testServices();
    expect(await reserveHeldShow(env, s.config, { userId, showtimeId: shows[SHOWS_HELD + 1]!, seats: 1, now: later })).toMatchObject({ ok: true });
    expect(await reserveHeldShow(env, s.config, { userId, showtimeId: shows[SHOWS_HELD + 1]!, seats: 1, now: Date.now() })).toMatchObject({ ok: false, code: "shows_held_limit" });
    await env.DB.prepare("DELETE FROM held_shows WHERE user_id = ? AND showtime_id = ?").bind(userId, shows[SHOWS_HELD + 1]).run();
    for (const st of shows) await settleAlarms(st);
  });

  it("seats picked before logging in meet the same cap: back to the seat map with the seats ticked and a sentence", async () => {
    const shows = await Promise.all(Array.from({ length: SHOWS_HELD + 1 }, () => createShowtime()));
    const email = uniqueEmail("picked");
    const fan = new TestBrowser("10.151.0.1");
    expect((await signUpVerified(fan, { name: "Picked", email })).status).toBe(302);
    for (const st of shows.slice(0, SHOWS_HELD)) expect((await postHold(fan, st, ["N1"])).status).toBe(201);
    const last = shows[SHOWS_HELD]!;
    const elsewhere = new TestBrowser("10.151.0.2");
    const res = await elsewhere.submit(`/login?hold=${last}:N2`, { email, password: GOOD_PASSWORD, hold: `${last}:N2` });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/showtimes/${last}?notice=shows_held_limit&pick=N2`);
    expect(await (await elsewhere.get(res.headers.get("Location")!)).text()).toContain("as many shows as one person can at a time");
    for (const st of shows) await settleAlarms(st);
  });

  it("different accounts are counted apart", async () => {
    const shows = await Promise.all(Array.from({ length: SHOWS_HELD + 1 }, () => createShowtime()));
    const fans = await Promise.all([customer(), customer()]);
    const answers = await Promise.all(fans.flatMap((fan, i) => shows.map((st) => postHold(fan, st, [`G${i + 1}`]))));
    const perFan = [0, 1].map((i) => answers.slice(i * shows.length, (i + 1) * shows.length).filter((r) => r.status === 201).length);
    expect(perFan).toEqual([SHOWS_HELD, SHOWS_HELD]);
    for (const st of shows) await settleAlarms(st);
  });
});

describe("an on-sale caps the tickets one account has across all its shows", () => {
  const CAP = 4;

  async function onSale(name: string, count: number) {
    const shows = await Promise.all(Array.from({ length: count }, () => createShowtime()));
    const opensAt = Date.now();
    for (const st of shows) await openRoom(testServices(), { showtimeId: st, opensAt, admitPerMinute: 60, onSale: name, ticketsPerAccount: CAP });
    return { shows, opensAt };
  }

  it("parallel holds and purchases across the on-sale's shows stop at the cap; a cancellation gives the tickets back", async () => {
    const { shows, opensAt } = await onSale(`opening-${crypto.randomUUID()}`, 3);
    const fan = await customer();
    const passes = await Promise.all(shows.map((st) => admitted(fan, st, opensAt)));
    // 2 + 2 + 2 asked at once against a cap of 4: exactly two holds pass.
    const answers = await Promise.all(shows.map((st, i) => postHold(fan, st, ["H1", "H2"], passes[i])));
    const won = shows.map((st, i) => [st, i] as const).filter(([, i]) => answers[i]!.status === 201);
    expect(won).toHaveLength(2);
    const lost = answers.find((r) => r.status === 409)!;
    const body = (await lost.json()) as Refusal;
    expect(body.error.code).toBe("sale_limit_reached");
    expect(body.error.message).toContain("This on-sale lets one account have 4 tickets across all its shows; you have 4 held");
    expect(Number(lost.headers.get("Retry-After"))).toBeGreaterThan(0);

    // Both held shows are bought in parallel: the cap holds through the payments.
    const holdIds = await Promise.all(won.map(async ([, i]) => ((await answers[i]!.json()) as { holdId: string }).holdId));
    const bookings = await Promise.all(won.map(([st], k) => proceedToPay(fan, st, holdIds[k]!)));
    const { deps } = await testPayments();
    const paid = await Promise.all(bookings.map((b) => paySandbox(deps, b.razorpayOrderId!)));
    const callbacks = await Promise.all(bookings.map((b, k) => postCallback(fan, b.id, paid[k]!)));
    expect(callbacks.map((r) => r.status)).toEqual([302, 302]);
    for (const b of bookings) expect((await bookingRow(b.id)).status).toBe("CONFIRMED");

    // Bought tickets count: one more seat anywhere in the on-sale is refused, and waiting does not help.
    const third = shows.find((st) => !won.some(([w]) => w === st))!;
    const more = await postHold(fan, third, ["J1"], await admitted(fan, third, opensAt));
    expect(more.status).toBe(409);
    expect(more.headers.get("Retry-After")).toBeNull();
    expect(((await more.json()) as Refusal).error.message).toContain("you have 4 bought, so none are left.");

    // A cancellation gives its tickets back.
    const cancelled = await fan.submit(`/bookings/${bookings[0]!.id}`, { intent: "cancel", confirm: "yes" }, { csrf: await csrfOf(fan) });
    expect(cancelled.status).toBe(302);
    expect((await postHold(fan, third, ["J1", "J2"], await admitted(fan, third, opensAt))).status).toBe(201);
    for (const st of shows) await settleAlarms(st);
  });

  it("counts tickets bought on the on-sale's shows in every booking database (ADR 031)", async () => {
    // One show sells into shard 1 (a Bengaluru cinema), the other into the shared database (Mumbai).
    const south = await createShowtime({ screenId: SEED_SCREENS.find((sc) => sc.cinemaId === "cin-blr-lido")!.id });
    const west = await createShowtime({ screenId: SEED_SCREENS.find((sc) => sc.cinemaId === "cin-mum-regal")!.id });
    const name = `national-${crypto.randomUUID()}`;
    const opensAt = Date.now();
    for (const st of [south, west]) await openRoom(testServices(), { showtimeId: st, opensAt, admitPerMinute: 60, onSale: name, ticketsPerAccount: CAP });
    const fan = await customer();
    const held = await postHold(fan, south, ["M1", "M2", "M3", "M4"], await admitted(fan, south, opensAt));
    expect(held.status).toBe(201);
    const booking = await proceedToPay(fan, south, ((await held.json()) as { holdId: string }).holdId);
    expect(booking.id.startsWith("bk1_")).toBe(true);
    const { deps } = await testPayments();
    expect((await postCallback(fan, booking.id, await paySandbox(deps, booking.razorpayOrderId!))).status).toBe(302);
    expect((await bookingRow(booking.id)).status).toBe("CONFIRMED");
    // The four tickets live in shard 1; a seat on the Mumbai show of the same on-sale is still over the cap.
    const more = await postHold(fan, west, ["M5"], await admitted(fan, west, opensAt));
    expect(more.status).toBe(409);
    expect(((await more.json()) as Refusal).error.message).toContain("you have 4 bought, so none are left.");
    for (const st of [south, west]) await settleAlarms(st);
  });

  it("the cap is per account: another fan of the same on-sale is not counted against it", async () => {
    const { shows, opensAt } = await onSale(`opening-${crypto.randomUUID()}`, 2);
    const [a, b] = await Promise.all([customer(), customer()]);
    const race = await Promise.all([
      postHold(a, shows[0]!, ["K1", "K2", "K3"], await admitted(a, shows[0]!, opensAt)),
      postHold(a, shows[1]!, ["K1", "K2", "K3"], await admitted(a, shows[1]!, opensAt)),
      postHold(b, shows[0]!, ["L1", "L2", "L3", "L4"], await admitted(b, shows[0]!, opensAt)),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    expect(race[2]!.status).toBe(201);
    for (const st of shows) await settleAlarms(st);
  });
});
