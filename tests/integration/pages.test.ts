import { beforeAll, describe, expect, it } from "vitest";
import { seedShowtimes } from "#app/db/seed-data.server";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";

const NOW = Date.now();
beforeAll(async () => {
  await seedDemoData(NOW);
});

const get = (path: string) => new TestBrowser().get(path);

describe("catalogue pages", () => {
  it("home lists the movies showing in the chosen city, with posters and details", async () => {
    const res = await get("/?city=bengaluru");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Now showing in Bengaluru");
    for (const title of ["Monsoon Express", "Orbit Zero", "Kaveri Nights"]) expect(html).toContain(title);
    expect(html).toContain('src="/posters/orbit-zero"');
    expect(html).toContain("UA16+");
    expect(html).toContain("2h 42m");
  });

  it("serves posters as locally generated SVG", async () => {
    const res = await get("/posters/orbit-zero");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("image/svg+xml");
    expect(await res.text()).toContain("ORBIT ZERO");
  });

  it("movie page shows a 7-day strip and the day's showtimes grouped by cinema", async () => {
    const res = await get("/movies/orbit-zero?city=mumbai");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/aria-label="Dates"[\s\S]*?<\/nav>/)?.[0].match(/<a /g)).toHaveLength(7);
    expect(html).toMatch(/Regal Colaba|Galaxy Bandra/);
    expect(html).toMatch(/href="\/showtimes\/st-mum-[a-z]+-\d-\d{8}-\d{4}"/);
  });

  it("does not offer a showtime that has started", async () => {
    const past = seedShowtimes(NOW).find((s) => s.startsAt < NOW && s.screenId.startsWith("scr-mum"));
    if (!past) return expect(seedShowtimes(NOW)[0]!.startsAt).toBeGreaterThan(NOW); // before 10:00 IST nothing has started
    const res = await get(`/showtimes/${past.id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("booking is closed");
  });

  it("showtime page draws the layout with rows, categories, prices and the screen", async () => {
    const st = seedShowtimes(NOW).find((s) => s.screenId === "scr-mum-regal-1")!;
    const res = await get(`/showtimes/${st.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Regal Colaba");
    expect(html).toContain("Screen 1");
    expect(html).toContain("Recliner · ₹450");
    expect(html).toContain("Classic · ₹180");
    expect(html).toContain('data-seat="C7"');
    expect(html).toContain("Row C seat 7, Classic, ₹180");
    expect(html).toContain("wheelchair seat");
    expect(html).toContain("Screen this way");
  });

  it("cinema page lists its showtimes by day", async () => {
    const res = await get("/cinemas/lido-mg-road");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Lido MG Road");
  });
});

describe("errors a visitor can cause", () => {
  it("an unknown poster is a plain 404", async () => {
    const res = await get("/posters/unknown");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("No such poster.");
  });

  it.each([
    ["/movies/no-such-movie", 404],
    ["/showtimes/no-such-showtime", 404],
    ["/cinemas/nowhere", 404],
    ["/?city=atlantis", 404],
    ["/this/does/not/exist", 404],
    ["/movies/Bad%20Slug!", 400],
    ["/showtimes/%27%3B%20DROP%20TABLE", 400],
    ["/?city=%3Cscript%3E", 400],
    ["/movies/orbit-zero?date=tomorrow", 400],
    ["/movies/orbit-zero?date=1999-01-01", 404],
  ])("%s → %i with a friendly page", async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain(status === 404 ? "Page not found" : "That didn");
    expect(html).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});
