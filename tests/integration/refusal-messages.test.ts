import { beforeAll, describe, expect, it } from "vitest";
import { customer, csrfOf } from "#tests/helpers/payments";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

// A refusal says what happened, whether the route has a page of its own or not (userError in
// app/utils/http.server.ts): never Remix's "Unexpected Server Error" with a 4xx.

beforeAll(async () => {
  await seedDemoData();
});

async function messageOf(res: Response): Promise<string> {
  const text = await res.text();
  expect(text).not.toContain("Unexpected Server Error");
  return text;
}

describe("refusals from routes a form posts to", () => {
  it("'Proceed to pay' refuses a non-form body, a bad hold id and an unknown show with their own sentence, as a page", async () => {
    const st = await createShowtime();
    const fan = await customer();
    const csrf = await csrfOf(fan);
    const json = await fan.fetch(`/showtimes/${st}/pay`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json", Origin: "http://localhost" } });
    expect(json.status).toBe(415);
    expect(await messageOf(json)).toContain("This page only accepts its own form");
    const badId = await fan.submit(`/showtimes/${st}/pay`, { holdId: "../x" }, { csrf });
    expect(badId.status).toBe(400);
    const page = await messageOf(badId);
    expect(page).toContain("That id isn");
    expect(page).toContain("<html");
    const unknown = await fan.submit("/showtimes/st-nope/pay", { holdId: "x" }, { csrf });
    expect(unknown.status).toBe(404);
    expect(await messageOf(unknown)).toContain("find that showtime");
  });

  it("logout without the form's token is a 403 page that says why", async () => {
    const fan = await customer();
    const res = await fan.submit("/logout", {}, { csrf: null });
    expect(res.status).toBe(403);
    const page = await messageOf(res);
    expect(page).toContain("This form has expired or didn");
    expect(page).toContain("<html");
  });

  it("a resource a page links to (a poster) refuses a malformed address with the sentence", async () => {
    const fan = await customer();
    const res = await fan.get("/posters/AAA");
    expect(res.status).toBe(400);
    expect(await messageOf(res)).toContain("That address isn");
  });
});
