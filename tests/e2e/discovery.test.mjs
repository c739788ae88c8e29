import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { deflateSync } from "node:zlib";
import { launchBrowser, newPage, shot } from "./support.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A real, decodable w×h PNG (grey), built here so the repo carries no binary fixture. */
function png(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const raw = Buffer.alloc((w + 1) * h, 0x60);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

test("search: type part of a cast member's name, pick the film from the suggestions with the keyboard", async () => {
  const page = await newPage(browser);
  await page.goto("/?city=mumbai");
  const box = page.getByRole("combobox", { name: /Search movies/ });
  await box.click();
  await box.pressSequentially("priya ram", { delay: 30 });
  const list = page.getByRole("listbox", { name: "Suggestions" });
  await list.getByRole("option", { name: /Orbit Zero/ }).waitFor();
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  const names = await list.getByRole("option").allTextContents();
  const index = names.findIndex((n) => n.startsWith("Orbit Zero"));
  assert.ok(index >= 0, `Orbit Zero among ${names.join(" | ")}`);
  assert.match(names[index], /Cast: Priya Raman/);
  for (let i = 0; i <= index; i++) await box.press("ArrowDown");
  const active = await box.getAttribute("aria-activedescendant");
  assert.equal(await page.locator(`[id="${active}"]`).getAttribute("aria-selected"), "true");
  await shot(page, "search-suggestions");
  await box.press("Enter");
  await page.waitForURL(/\/movies\/orbit-zero/);
  await page.getByRole("heading", { name: "Orbit Zero", level: 1 }).waitFor();
  // Escape closes, and Enter without a highlighted suggestion searches (the no-JS path).
  await box.fill("");
  await box.pressSequentially("anand", { delay: 30 });
  await list.getByRole("option").first().waitFor();
  await box.press("Escape");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await box.press("Enter");
  await page.waitForURL(/\/search\?q=anand/);
  await page.getByRole("heading", { name: "Results for “anand”" }).waitFor();
  page.assertNoErrors();
});

test("filters: pick a language on now showing; the URL carries it and the city is remembered", async () => {
  const page = await newPage(browser);
  await page.goto("/?city=bengaluru");
  await page.getByRole("heading", { name: "Now showing in Bengaluru" }).waitFor();
  await page.getByRole("form", { name: "Filter movies" }).getByLabel("Language").selectOption("Kannada");
  await page.waitForURL(/lang=Kannada/);
  const grid = page.getByRole("list", { name: "Movies" });
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Movies"] > li').length === 1);
  assert.deepEqual(await grid.getByRole("heading").allTextContents(), ["Kaveri Nights"]);
  await shot(page, "filter-language");
  // The logo keeps the city.
  await page.getByRole("link", { name: /Marquee/ }).first().click();
  await page.getByRole("heading", { name: "Now showing in Bengaluru" }).waitFor();
  page.assertNoErrors();
});

test("trailer: nothing third-party loads until the fan clicks play", async () => {
  const page = await newPage(browser);
  const thirdParty = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(page.url() || "http://127.0.0.1").origin) && /youtube|ytimg|vimeo/.test(r.url())) thirdParty.push(r.url());
  });
  await page.goto("/movies/orbit-zero?city=mumbai");
  const play = page.getByRole("link", { name: /Play trailer\s?:\s?Orbit Zero/ });
  await play.waitFor();
  assert.equal(await page.locator("iframe").count(), 0);
  assert.deepEqual(thirdParty, []);
  await play.click();
  const frame = page.locator('iframe[title="Trailer: Orbit Zero"]');
  await frame.waitFor({ state: "attached" });
  assert.match((await frame.getAttribute("src")) ?? "", /^https:\/\/www\.youtube-nocookie\.com\/embed\/rbtZr00003x\?autoplay=1/);
  await shot(page, "trailer");
  page.assertNoErrors();
});

test("poster: the operator uploads a poster and fans see it on the home page; hashed assets are immutable", async () => {
  const fan = await newPage(browser);
  await fan.goto("/?city=mumbai");
  const first = fan.getByRole("list", { name: "Movies" }).getByRole("link").first();
  const slug = /\/movies\/([a-z0-9-]+)/.exec((await first.getAttribute("href")) ?? "")?.[1];
  assert.ok(slug);

  const admin = await newPage(browser);
  await admin.goto("/login?redirectTo=%2Fadmin");
  await admin.getByLabel("Email").fill("admin@marquee.test");
  await admin.getByLabel("Password").fill("admin-password");
  await admin.getByRole("button", { name: "Log in" }).click();
  await admin.waitForURL(/\/admin$/);
  await admin.goto(`/admin/movies/mov-${slug}`);
  // A wrong file first: a clear message, nothing changes.
  await admin.getByLabel("Poster image").setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await admin.getByRole("button", { name: "Upload poster" }).click();
  await admin.getByText(/isn't a PNG, JPEG or WebP image/).waitFor();
  await admin.getByLabel("Poster image").setInputFiles({ name: "poster.png", mimeType: "image/png", buffer: png(400, 600) });
  await admin.getByRole("button", { name: "Upload poster" }).click();
  await admin.getByText("Poster uploaded: customers see it now.").waitFor();

  await fan.goto("/?city=mumbai");
  const img = fan.getByRole("img", { name: new RegExp(`^Poster for`) }).first();
  const src = await img.getAttribute("src");
  assert.match(src ?? "", new RegExp(`^/posters/${slug}\\?v=[0-9a-f]{24}\\.png$`));
  await img.scrollIntoViewIfNeeded();
  // The home page's slot is at most 200 px wide: the browser may take the 240 px copy made at upload
  // (ADR 035) rather than the 400 px original, never anything wider.
  const loaded = await fan.waitForFunction((s) => {
    const el = document.querySelector(`img[src="${s}"]`);
    return el && el.complete && el.naturalWidth > 0 ? { width: el.naturalWidth, current: el.currentSrc } : null;
  }, src);
  const { width, current } = await loaded.jsonValue();
  // (With a srcset, naturalWidth is the copy's width over its density in the slot: 240 px in 200 px reads 200.)
  assert.ok(width > 0 && /[?&]w=240$/.test(current), `the home page loads the poster's 240 px copy (got ${current}, ${width} px)`);
  const poster = await fan.request.get(src);
  assert.equal(poster.headers()["cache-control"], "public, max-age=31536000, immutable");
  const asset = /\/assets\/[\w.-]+\.js/.exec(await (await fan.request.get("/?city=mumbai")).text())?.[0];
  assert.ok(asset, "a hashed asset is referenced");
  assert.equal((await fan.request.get(asset)).headers()["cache-control"], "public, max-age=31536000, immutable");
  await shot(fan, "poster-on-home");
  fan.assertNoErrors();
  admin.assertNoErrors();
});
