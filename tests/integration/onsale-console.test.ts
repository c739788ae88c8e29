import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loggedIn, post } from "#tests/helpers/admin";
import { admitted, postHold } from "#tests/helpers/holds";
import { customer, settleAlarms } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

beforeAll(async () => {
  await seedDemoData();
});

type RoomRow = { opens_at: number; status: string; on_sale: string | null; tickets_per_account: number | null };

function roomRow(showtimeId: string) {
  return env.DB.prepare("SELECT opens_at, status, on_sale, tickets_per_account FROM waiting_rooms WHERE showtime_id = ?").bind(showtimeId).first<RoomRow>();
}

const OPEN = { intent: "open", date: "2020-01-01", time: "10:00", rate: "60" };

describe("the waiting-room console sets an on-sale's ticket cap (ADR 027)", () => {
  it("an admin names the on-sale and the tickets per account; they are stored, audited and shown, and a fan's holds across its shows stop at the cap", async () => {
    const shows = [await createShowtime(), await createShowtime()];
    const name = `Orbit Zero opening ${crypto.randomUUID().slice(0, 8)}`;
    const { browser, csrf } = await loggedIn("admin");

    // The form carries the fields, with the limits the schema enforces.
    const blank = await (await browser.get(`/admin/queues/${shows[0]}`)).text();
    expect(blank).toContain("On-sale name (shows that share it share the cap)");
    expect(blank).toContain("Tickets per account across the on-sale");
    expect(blank).toMatch(/name="onSale"[^>]*maxLength="60"|maxLength="60"[^>]*name="onSale"/);
    expect(blank).toMatch(/name="ticketsPerAccount"[^>]*min="1"[^>]*max="50"/);

    for (const st of shows) {
      const res = await post(browser, `/admin/queues/${st}`, csrf, { ...OPEN, onSale: `  ${name}  `, ticketsPerAccount: " 3 " });
      expect(res.status).toBe(302);
      expect(await roomRow(st)).toMatchObject({ status: "ACTIVE", on_sale: name, tickets_per_account: 3 });
    }
    const audit = await env.DB.prepare("SELECT details FROM audit_log WHERE action = 'waiting_room.open' AND target = ? ORDER BY created_at DESC LIMIT 1")
      .bind(shows[1])
      .first<string>("details");
    expect(JSON.parse(audit!)).toMatchObject({ rate: 60, onSale: name, ticketsPerAccount: 3 });

    const page = await (await browser.get(`/admin/queues/${shows[1]}`)).text();
    const cap = page.slice(page.indexOf('data-testid="room-cap"'));
    expect(cap).toContain(name);
    expect(cap).toContain("shared with 1 other show");
    expect(cap).toContain("3 across the on-sale");
    // The form starts from what the room has, so "Update" keeps it.
    expect(page).toMatch(new RegExp(`name="onSale"[^>]*value="${name}"|value="${name}"[^>]*name="onSale"`));
    expect(page).toMatch(/name="ticketsPerAccount"[^>]*value="3"|value="3"[^>]*name="ticketsPerAccount"/);

    // The cap the console set is the one holds meet: 2 on one show, then 2 more on the other is over 3.
    const fan = await customer();
    const opensAt = (await roomRow(shows[0]!))!.opens_at;
    expect((await postHold(fan, shows[0]!, ["M1", "M2"], await admitted(fan, shows[0]!, opensAt))).status).toBe(201);
    const over = await postHold(fan, shows[1]!, ["M1", "M2"], await admitted(fan, shows[1]!, opensAt));
    expect(over.status).toBe(409);
    const body = (await over.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("sale_limit_reached");
    expect(body.error.message).toContain("This on-sale lets one account have 3 tickets across all its shows");
    expect((await postHold(fan, shows[1]!, ["M1"], await admitted(fan, shows[1]!, opensAt))).status).toBe(201);

    // A form without the fields (an older page) keeps them; sent blank, they are cleared.
    expect((await post(browser, `/admin/queues/${shows[1]}`, csrf, OPEN)).status).toBe(302);
    expect(await roomRow(shows[1]!)).toMatchObject({ on_sale: name, tickets_per_account: 3 });
    expect((await post(browser, `/admin/queues/${shows[1]}`, csrf, { ...OPEN, onSale: " ", ticketsPerAccount: "" })).status).toBe(302);
    expect(await roomRow(shows[1]!)).toMatchObject({ on_sale: null, tickets_per_account: null });
    const cleared = await (await browser.get(`/admin/queues/${shows[1]}`)).text();
    expect(cleared.slice(cleared.indexOf('data-testid="room-cap"'))).toContain("This show alone");
    for (const st of shows) await settleAlarms(st);
  });

  it("bad values are refused with a message (422), store nothing, and never 500", async () => {
    const st = await createShowtime();
    const other = await createShowtime();
    const { browser, csrf } = await loggedIn("admin");
    const path = `/admin/queues/${st}`;
    const cases: [Record<string, string>, string][] = [
      [{ onSale: "x".repeat(61) }, "The on-sale name is too long (at most 60 characters)."],
      [{ onSale: "Opening\u202enight" }, "The on-sale name can&#x27;t contain control characters or text-direction overrides."],
      [{ onSale: other }, "That on-sale name is a show&#x27;s id; pick another name."],
      [{ ticketsPerAccount: "0" }, "At least 1 ticket per account (leave it blank for no cap)."],
      [{ ticketsPerAccount: "51" }, "At most 50 tickets per account."],
      [{ ticketsPerAccount: "2.5" }, "Tickets per account is a whole number from 1 to 50."],
      [{ ticketsPerAccount: "lots" }, "Tickets per account is a whole number from 1 to 50."],
      [{ ticketsPerAccount: "-3" }, "Tickets per account is a whole number from 1 to 50."],
      [{ ticketsPerAccount: "9".repeat(40) }, "Tickets per account is a whole number from 1 to 50."],
    ];
    for (const [fields, message] of cases) {
      const res = await post(browser, path, csrf, { ...OPEN, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(await res.text(), JSON.stringify(fields)).toContain(message);
    }
    expect(await roomRow(st)).toBeNull();
    // Sixty characters (after trimming) is fine.
    expect((await post(browser, path, csrf, { ...OPEN, onSale: ` ${"y".repeat(60)} `, ticketsPerAccount: "50" })).status).toBe(302);
    expect(await roomRow(st)).toMatchObject({ on_sale: "y".repeat(60), tickets_per_account: 50 });
    await settleAlarms(st);
  });

  it("a cinema manager sets the cap on their own shows, but can't join a name other cinemas' shows carry", async () => {
    const own = await createShowtime({ screenId: "scr-blr-lido-1" });
    const elsewhere = await createShowtime({ screenId: "scr-mum-regal-1" });
    const admin = await loggedIn("admin");
    const taken = `Regal opening ${crypto.randomUUID().slice(0, 8)}`;
    expect((await post(admin.browser, `/admin/queues/${elsewhere}`, admin.csrf, { ...OPEN, onSale: taken, ticketsPerAccount: "4" })).status).toBe(302);

    const manager = await loggedIn("manager");
    const refused = await post(manager.browser, `/admin/queues/${own}`, manager.csrf, { ...OPEN, onSale: taken, ticketsPerAccount: "4" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("That on-sale name is used by shows at cinemas you don&#x27;t run; pick another name.");
    expect(await roomRow(own)).toBeNull();
    // Another cinema's show stays out of reach, as for every room action.
    expect((await post(manager.browser, `/admin/queues/${elsewhere}`, manager.csrf, { ...OPEN, onSale: "Mine", ticketsPerAccount: "2" })).status).toBe(404);

    const mine = `Lido opening ${crypto.randomUUID().slice(0, 8)}`;
    expect((await post(manager.browser, `/admin/queues/${own}`, manager.csrf, { ...OPEN, onSale: mine, ticketsPerAccount: "6" })).status).toBe(302);
    expect(await roomRow(own)).toMatchObject({ on_sale: mine, tickets_per_account: 6 });
    expect(await (await manager.browser.get(`/admin/queues/${own}`)).text()).toContain("6 across the on-sale");
    for (const st of [own, elsewhere]) await settleAlarms(st);
  });
});
