import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loggedIn, post } from "#tests/helpers/admin";
import { TestBrowser } from "#tests/helpers/browser";
import type { TestBrowser as Browser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";

let admin: { browser: Browser; csrf: string };
beforeAll(async () => {
  await seedDemoData();
  admin = await loggedIn("admin");
});

const movieFields = {
  intent: "save",
  title: "Paper Kites",
  synopsis: "On Makar Sankranti, a kite with a message sails across a city of rooftops.",
  runtimeMinutes: "102",
  certificate: "U",
  languages: "Hindi, English",
  genres: "Animation, Family",
  releaseDate: "2026-11-20",
  posterHue: "120",
};

describe("operator edits to what fans see", () => {
  it("saves cast and crew, a trailer and a rating; the movie page and search show them at once", async () => {
    const res = await post(admin.browser, "/admin/movies/mov-paper-kites", admin.csrf, {
      ...movieFields,
      credits: "Cast: Meher Batra as Guddi\nDirector: Farah Qazi",
      trailerUrl: "https://youtu.be/kItEs000123",
      ratingTenths: "9.1",
    });
    expect(res.status).toBe(302);
    const page = await (await new TestBrowser().get("/movies/paper-kites?city=mumbai")).text();
    expect(page).toContain("Meher Batra");
    expect(page).toContain(" as Guddi");
    expect(page).toContain("Farah Qazi");
    expect(page).toContain("9.1/10 audience rating");
    expect(page).toContain('href="https://www.youtube.com/watch?v=kItEs000123"');
    const hits = (await (await new TestBrowser().get("/api/search?q=farah")).json()) as { results: { slug: string; hint: string }[] };
    expect(hits.results).toEqual([{ slug: "paper-kites", title: "Paper Kites", hint: "Director: Farah Qazi" }]);
  });

  it("refuses a bad credit line, a non-video trailer link and a rating over 10 with 400, changing nothing", async () => {
    const before = await env.DB.prepare("SELECT credits, trailer_url, rating_tenths FROM movies WHERE id = 'mov-paper-kites'").first();
    const res = await post(admin.browser, "/admin/movies/mov-paper-kites", admin.csrf, {
      ...movieFields,
      credits: "Hero Meher Batra",
      trailerUrl: "https://evil.example/watch?v=x",
      ratingTenths: "11",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Line 1: start with one of Cast, Director");
    expect(html).toContain("Use a YouTube or Vimeo link");
    expect(html).toContain("Ratings look like 8.4");
    expect(await env.DB.prepare("SELECT credits, trailer_url, rating_tenths FROM movies WHERE id = 'mov-paper-kites'").first()).toEqual(before);
  });

  it("edits a cinema's phone, amenities and step-free access", async () => {
    const res = await post(admin.browser, "/admin/cinemas/cin-mum-galaxy", admin.csrf, { intent: "details", phone: "+91 22 1111 2222", amenities: "Dolby Atmos, Valet parking", wheelchairAccess: "on" });
    expect(res.status).toBe(302);
    const page = await (await new TestBrowser().get("/cinemas/galaxy-bandra")).text();
    expect(page).toContain("Valet parking");
    expect(page).toContain("Wheelchair accessible");
    expect(page).toContain('href="tel:+912211112222"');
    const bad = await post(admin.browser, "/admin/cinemas/cin-mum-galaxy", admin.csrf, { intent: "details", phone: "call us", amenities: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Phone numbers look like");
  });
});

describe("edge-cached catalogue pages", () => {
  it("an operator's edit shows on the next page view, not after the cache expires", async () => {
    const grid = async () => (await (await new TestBrowser().get("/?city=mumbai")).text()).match(/aria-label="Movies"[\s\S]*?<\/ul>/)?.[0] ?? "";
    expect(await grid()).toContain("Monsoon Express");
    expect(await grid()).toContain("Monsoon Express"); // served from the cache this time
    const res = await post(admin.browser, "/admin/movies/mov-monsoon-express", admin.csrf, { intent: "archive" });
    expect(res.status).toBe(302);
    expect(await grid()).not.toContain("Monsoon Express<");
    await post(admin.browser, "/admin/movies/mov-monsoon-express", admin.csrf, { intent: "restore" });
    expect(await grid()).toContain("Monsoon Express");
  });
});
