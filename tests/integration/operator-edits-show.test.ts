import { beforeAll, describe, expect, it } from "vitest";
import { loggedIn, post } from "#tests/helpers/admin";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime } from "#tests/helpers/showtimes";

// The seat page keeps a showtime's catalogue facts for seconds (app/catalogue/showtime-page.server.ts);
// an operator's own edit must show on their next page all the same.

beforeAll(async () => {
  await seedDemoData();
});

const MOVIE = { synopsis: "A crew races a failing reactor.", runtimeMinutes: "118", certificate: "UA", languages: "English", genres: "Sci-Fi", releaseDate: "2026-11-01", posterHue: "200" };

describe("an operator's edit on the next seat page", () => {
  it("shows a renamed movie at once, though the page had the old name cached", async () => {
    const st = await createShowtime();
    const admin = await loggedIn("admin");
    expect(await (await admin.browser.get(`/showtimes/${st}`)).text()).toContain("Orbit Zero");
    const saved = await post(admin.browser, "/admin/movies/mov-orbit-zero", admin.csrf, { intent: "save", title: "Orbit Zero: Redux", ...MOVIE });
    expect(saved.status).toBe(302);
    expect(await (await admin.browser.get(`/showtimes/${st}`)).text()).toContain("Orbit Zero: Redux");
  });
});
