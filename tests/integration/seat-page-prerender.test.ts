import { beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "#tests/helpers/browser";
import { customer, holdSeats } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

beforeAll(async () => {
  await seedDemoData();
});

/** The no-JS seat map's markup of one seat, as the browser gets it before any script runs. */
function seatTag(html: string, seatId: string): string {
  const at = html.indexOf(`data-seat="${seatId}"`);
  expect(at, `${seatId} on the page`).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf("<", at), html.indexOf("</label>", at));
}

describe("the seat map rendered once per distinct map", () => {
  it("every viewer gets the same markup for the same map, and a change (someone's hold) shows on the next view", async () => {
    const st = await createShowtime();
    const one = await (await new TestBrowser().get(`/showtimes/${st}`)).text();
    const two = await (await new TestBrowser().get(`/showtimes/${st}`)).text();
    expect(seatTag(one, "D4")).toBe(seatTag(two, "D4"));
    expect(seatTag(one, "D4")).toContain('data-state="available"');

    const holder = await customer();
    await holdSeats(holder, st, ["D4"]);
    const after = await (await new TestBrowser().get(`/showtimes/${st}`)).text();
    expect(seatTag(after, "D4")).toContain('data-state="held"');
    expect(seatTag(after, "D4")).toMatch(/<input[^>]*disabled/);
    // The holder's own view is theirs: ticked and selectable, not someone else's copy.
    const mine = await (await holder.get(`/showtimes/${st}`)).text();
    expect(seatTag(mine, "D4")).toContain('data-state="yours"');
    expect(seatTag(mine, "D4")).toMatch(/<input[^>]*checked/);
    // …and a stranger's view, rendered after the holder's, is still "held".
    expect(seatTag(await (await new TestBrowser().get(`/showtimes/${st}`)).text(), "D4")).toContain('data-state="held"');
  });

  it("keeps the map inside the page's form, so ticking seats without JavaScript still posts them", async () => {
    const st = await createShowtime();
    const html = await (await new TestBrowser().get(`/showtimes/${st}`)).text();
    const form = html.slice(html.indexOf('<form method="post"'), html.indexOf("</form>", html.indexOf('data-seat="A1"')));
    expect(form).toMatch(/<input type="checkbox" name="seat"[^>]* value="A1"/);
  });
});
