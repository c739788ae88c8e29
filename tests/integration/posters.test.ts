import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loggedIn } from "#tests/helpers/admin";
import type { TestBrowser } from "#tests/helpers/browser";
import { TestBrowser as Browser } from "#tests/helpers/browser";
import { jpegHeader, png } from "#tests/helpers/images";
import { encode as encodeJpeg } from "jpeg-js";
import { sniffImage } from "#app/domain/image-sniff";
import { seedDemoData } from "#tests/helpers/seed";

let admin: { browser: TestBrowser; csrf: string };
beforeAll(async () => {
  await seedDemoData();
  admin = await loggedIn("admin");
});

const MOVIE = "mov-kaveri-nights";

function upload(browser: TestBrowser, csrf: string, file: Uint8Array, name: string, type: string, movieId = MOVIE) {
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("poster", new File([new Uint8Array(file)], name, { type }));
  return browser.fetch(`/admin/movies/${movieId}`, { method: "POST", body: form, headers: { Origin: "http://localhost" } });
}

const posterKey = async () => (await env.DB.prepare("SELECT poster_key FROM movies WHERE id = ?").bind(MOVIE).first<{ poster_key: string | null }>())?.poster_key ?? null;
const objects = async () => (await env.POSTERS.list({ prefix: `posters/${MOVIE}/` })).objects.map((o) => o.key);

describe("poster upload", () => {
  it("stores a good poster in R2, shows it on the home page and serves it with a year's caching", async () => {
    const image = await png(400, 600);
    const res = await upload(admin.browser, admin.csrf, image, "kaveri.png", "image/png");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/movies/${MOVIE}?saved=poster`);
    const key = await posterKey();
    expect(key).toMatch(new RegExp(`^posters/${MOVIE}/[0-9a-f]{24}\\.png$`));
    // A 240 px copy for narrow slots; none at 480, which would be wider than the upload.
    expect(await objects()).toEqual([key, `${key}.w240.jpg`]);

    const home = await (await new Browser().get("/?city=bengaluru")).text();
    const src = new RegExp(`src="(/posters/kaveri-nights\\?v=[0-9a-f]{24}\\.png)"`).exec(home)?.[1];
    expect(src).toBeDefined();
    const served = await new Browser().get(src!);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(image);
    // The page offers the narrow copy; a phone's 2-column slot downloads it instead of the original.
    // (HTML attribute names are case-insensitive; React writes `srcSet`.)
    expect(home.toLowerCase()).toContain(`srcset="${src}&amp;w=240 240w, ${src}&amp;w=480 480w"`);
    const small = await new Browser().get(`${src}&w=240`);
    expect(small.headers.get("Content-Type")).toBe("image/jpeg");
    expect(small.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(sniffImage(new Uint8Array(await small.arrayBuffer()))).toMatchObject({ type: "image/jpeg", width: 240, height: 360 });
    const noCopy = await new Browser().get(`${src}&w=480`);
    expect(new Uint8Array(await noCopy.arrayBuffer())).toEqual(image);
    // The unversioned URL (shared links) is cached briefly, so a new upload shows up.
    expect((await new Browser().get("/posters/kaveri-nights")).headers.get("Cache-Control")).toBe("public, max-age=300");
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'movie.poster' AND target = ?").bind(MOVIE).first<{ n: number }>();
    expect(audited?.n).toBe(1);
  });

  it("replaces the previous poster and deletes its object; a JPEG counts by its bytes", async () => {
    const before = await posterKey();
    const res = await upload(admin.browser, admin.csrf, jpegHeader(600, 900), "kaveri.jpeg", "image/jpeg");
    expect(res.status).toBe(302);
    const after = await posterKey();
    expect(after).toMatch(/\.jpg$/);
    expect(after).not.toBe(before);
    expect(await objects()).toEqual([after]);
  });

  it("makes 240 and 480 px copies of a large JPEG and serves each to the slot that asks", async () => {
    const big = { width: 1000, height: 1500, data: new Uint8Array(1000 * 1500 * 4).map((_, i) => (i * 7) % 256) };
    const jpeg = new Uint8Array(encodeJpeg(big, 85).data);
    expect((await upload(admin.browser, admin.csrf, jpeg, "big.jpg", "image/jpeg")).status).toBe(302);
    const key = (await posterKey())!;
    expect(await objects()).toEqual([key, `${key}.w240.jpg`, `${key}.w480.jpg`]);
    const v = key.split("/").pop();
    for (const w of [240, 480]) {
      const copy = new Uint8Array(await (await new Browser().get(`/posters/kaveri-nights?v=${v}&w=${w}`)).arrayBuffer());
      expect(sniffImage(copy)).toMatchObject({ width: w, height: w * 1.5 });
      expect(copy.length).toBeLessThan(jpeg.length / 2);
    }
    // Any other width is not a copy we made: the original, never an error.
    expect(new Uint8Array(await (await new Browser().get(`/posters/kaveri-nights?v=${v}&w=7`)).arrayBuffer())).toEqual(jpeg);
  });

  it("refuses a file over 2 MB with 413 and keeps the current poster", async () => {
    const before = await posterKey();
    const big = await png(1000, 2200, { noise: true });
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload(admin.browser, admin.csrf, big, "big.png", "image/png");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("posters can be at most 2 MB");
    expect(await posterKey()).toBe(before);
  });

  it("refuses a file that is not an image, whatever its name and declared type, with 415", async () => {
    const before = await posterKey();
    const fake = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    const res = await upload(admin.browser, admin.csrf, fake, "poster.png", "image/png");
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("isn&#x27;t a PNG, JPEG or WebP image (whatever its name says)");
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x90, 0x01, 0x58, 0x02, 0, 0]);
    expect((await upload(admin.browser, admin.csrf, gif, "poster.gif", "image/gif")).status).toBe(415);
    expect(await posterKey()).toBe(before);
  });

  it("refuses a PNG header followed by a script with 415 and keeps the current poster", async () => {
    const before = await posterKey();
    const real = await png(300, 450);
    const forged = new Uint8Array([...real.subarray(0, 33), ...new TextEncoder().encode("<script>alert(1)</script>")]);
    const res = await upload(admin.browser, admin.csrf, forged, "poster.png", "image/png");
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("one whole image");
    expect(await posterKey()).toBe(before);
  });

  it("refuses a real image of the wrong shape or size with 422 and says what is wrong", async () => {
    const small = await upload(admin.browser, admin.csrf, await png(200, 300), "small.png", "image/png");
    expect(small.status).toBe(422);
    expect(await small.text()).toContain("at least 300×450 pixels");
    const landscape = await upload(admin.browser, admin.csrf, await png(900, 600), "wide.png", "image/png");
    expect(landscape.status).toBe(422);
    expect(await landscape.text()).toContain("landscape");
  });

  it("refuses customers and uploads without a CSRF token, storing nothing", async () => {
    const before = await objects();
    const fan = await loggedIn("customer");
    expect((await upload(fan.browser, fan.csrf, await png(400, 600), "p.png", "image/png")).status).toBe(403);
    expect((await upload(admin.browser, "forged-token", await png(400, 600), "p.png", "image/png")).status).toBe(403);
    expect(await objects()).toEqual(before);
  });

  it("falls back to the generated poster when the object is gone", async () => {
    await env.POSTERS.delete((await posterKey())!);
    const res = await new Browser().get("/posters/kaveri-nights");
    expect(res.headers.get("Content-Type")).toContain("image/svg+xml");
  });
});
