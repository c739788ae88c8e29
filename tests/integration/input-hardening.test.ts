import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { localDateKey } from "#app/domain/time";
import { GOOD_PASSWORD } from "#tests/helpers/accounts";
import { loggedIn, post } from "#tests/helpers/admin";
import { TestBrowser, csrfTokenFrom } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";

let admin: Awaited<ReturnType<typeof loggedIn>>;

beforeAll(async () => {
  await seedDemoData();
  admin = await loggedIn("admin");
});

const count = async (sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).first<{ n: number }>())!.n;
const MOVIE = { synopsis: "A long night.", runtimeMinutes: "98", certificate: "U", languages: "Hindi", genres: "Drama", releaseDate: "2026-12-01", posterHue: "30" };

async function formPost(browser: TestBrowser, path: string, body: BodyInit, headers: Record<string, string>) {
  return browser.fetch(path, { method: "POST", body, headers: { Origin: "http://localhost", ...headers } });
}

describe("form routes and bodies that are not their form", () => {
  it.each([
    ["JSON", "application/json", JSON.stringify({ email: "a@b.example", password: "x" }), 415],
    ["text", "text/plain", "email=a@b.example", 415],
    ["no content type", "", "email=a@b.example", 415],
    ["broken multipart", "multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nunterminated", 400],
    ["multipart without a boundary", "multipart/form-data", "whatever", 400],
    ["an oversized form", "application/x-www-form-urlencoded", `email=${"a".repeat(200_000)}`, 413],
  ])("a %s body to /login is a %i with a message, not a 500", async (_label, type, body, status) => {
    const browser = new TestBrowser();
    await browser.get("/login");
    const res = await formPost(browser, "/login", body, type ? { "Content-Type": type } : {});
    expect(res.status).toBe(status);
    expect(await res.text()).not.toMatch(/data-error-status="5\d\d"/);
  });

  it("a JSON body to an operator form changes nothing", async () => {
    const before = await count("SELECT count(*) AS n FROM movies");
    const res = await formPost(admin.browser, "/admin/movies/new", JSON.stringify({ title: "Json Movie", ...MOVIE }), { "Content-Type": "application/json" });
    expect(res.status).toBe(415);
    expect(await count("SELECT count(*) AS n FROM movies")).toBe(before);
  });
});

describe("origins a form post can't be vouched for", () => {
  it.each([
    ["Origin: null", { Origin: "null" }],
    ["a malformed Origin", { Origin: "not a url" }],
    ["a mismatched X-Forwarded-Host", { Origin: "http://localhost", "X-Forwarded-Host": "127.0.0.1:9999" }],
  ])("%s is a 403, and the signup does not happen", async (_label, headers) => {
    const browser = new TestBrowser();
    const csrf = csrfTokenFrom(await (await browser.get("/signup")).text());
    const email = `origin-${crypto.randomUUID()}@example.com`;
    const res = await browser.fetch("/signup", {
      method: "POST",
      body: new URLSearchParams({ csrf, name: "Origin Test", email, password: GOOD_PASSWORD }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    expect(res.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM users WHERE email = ?", email)).toBe(0);
  });
});

describe("catalogue names", () => {
  it("a long movie title, city or cinema name gets a slug instead of a 500, and a second one a suffix", async () => {
    const title = "The Extraordinarily Long and Winding Chronicle of the Projectionist Who Never Slept";
    const first = await post(admin.browser, "/admin/movies/new", admin.csrf, { title, ...MOVIE });
    expect(first.status).toBe(302);
    const second = await post(admin.browser, "/admin/movies/new", admin.csrf, { title, ...MOVIE });
    expect(second.status).toBe(302);
    const slugs = (await env.DB.prepare("SELECT slug FROM movies WHERE title = ? ORDER BY slug").bind(title).all<{ slug: string }>()).results.map((r) => r.slug);
    expect(slugs).toHaveLength(2);
    expect(slugs[1]).toBe(`${slugs[0]}-2`);

    const cityName = "Thiruvananthapuram Technopark Phase Three Extension";
    const city = await post(admin.browser, "/admin/cinemas", admin.csrf, { intent: "city", name: cityName, state: "Kerala" });
    expect(city.status).toBe(302);
    const cinema = await post(admin.browser, "/admin/cinemas", admin.csrf, {
      intent: "cinema",
      name: "Grand Multiplex and Entertainment Centre at the Old Mill Compound",
      address: "Old Mill Road",
      cityId: "city-bengaluru",
      timeZone: "Asia/Kolkata",
    });
    expect(cinema.status).toBe(302);
  });

  it("a name that is too long is a message next to the field, and nothing is stored", async () => {
    const before = await count("SELECT count(*) AS n FROM movies");
    const res = await post(admin.browser, "/admin/movies/new", admin.csrf, { title: "x".repeat(500), ...MOVIE });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Title is too long");
    expect(await count("SELECT count(*) AS n FROM movies")).toBe(before);
  });

  it.each([
    ["movie title", "/admin/movies/new", { title: "Evil\u202Egnp.exe", ...MOVIE }, "Title can"],
    ["city name", "/admin/cinemas", { intent: "city", name: "Pune\u0000", state: "MH" }, "City can"],
    ["cinema name", "/admin/cinemas", { intent: "cinema", name: "\u001b[31mRed", address: "x", cityId: "city-bengaluru", timeZone: "Asia/Kolkata" }, "Name can"],
    ["screen name", "/admin/cinemas/cin-blr-lido", { name: "Screen\u2067 9", rows: "4", columns: "8" }, "Screen name can"],
  ])("a %s with control or bidi-override characters is refused with a message", async (_label, path, fields, message) => {
    const before = await count("SELECT (SELECT count(*) FROM movies) + (SELECT count(*) FROM cities) + (SELECT count(*) FROM cinemas) + (SELECT count(*) FROM screens) AS n");
    const res = await post(admin.browser, path, admin.csrf, fields);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`${message}&#x27;t contain control characters or text-direction overrides`);
    expect(await count("SELECT (SELECT count(*) FROM movies) + (SELECT count(*) FROM cities) + (SELECT count(*) FROM cinemas) + (SELECT count(*) FROM screens) AS n")).toBe(before);
  });

  it("a customer name with NUL or a right-to-left override is refused at signup; NFC forms are stored as one", async () => {
    for (const name of ["Asha\u0000", "\u202Eahsa"]) {
      const email = `names-${crypto.randomUUID()}@example.com`;
      const res = await new TestBrowser().submit("/signup", { name, email, password: GOOD_PASSWORD });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Name can&#x27;t contain control characters or text-direction overrides");
      expect(await count("SELECT count(*) AS n FROM users WHERE email = ?", email)).toBe(0);
    }
    const email = `nfc-${crypto.randomUUID()}@example.com`;
    expect((await new TestBrowser().submit("/signup", { name: "Jose\u0301", email, password: GOOD_PASSWORD })).status).toBe(302);
    expect(await env.DB.prepare("SELECT name FROM users WHERE email = ?").bind(email).first("name")).toBe("Jos\u00e9");
  });
});

describe("dates", () => {
  it("a show on 30 February is a message, not a show on 2 March", async () => {
    const year = Number(localDateKey(Date.now(), "Asia/Kolkata").slice(0, 4)) + 1;
    const before = await count("SELECT count(*) AS n FROM showtimes");
    const res = await post(admin.browser, "/admin/showtimes/new?screen=scr-blr-lido-1", admin.csrf, {
      movieId: "mov-paper-kites",
      date: `${year}-02-30`,
      time: "11:00",
      format: "2D",
      language: "Hindi",
      "price.CLASSIC": "150",
      "price.PRIME": "220",
      "price.RECLINER": "300",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("That date doesn&#x27;t exist");
    expect(await count("SELECT count(*) AS n FROM showtimes")).toBe(before);
  });

  it("?date=2026-02-30 on a movie page is a 400 with a message", async () => {
    const res = await new TestBrowser().get("/movies/orbit-zero?date=2026-02-30");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("must be real days");
  });
});
