import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { localDateKey } from "#app/domain/time";
import { loggedIn, post } from "#tests/helpers/admin";
import type { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";

let admin: { browser: TestBrowser; csrf: string };
const SCREEN = "scr-del-plaza-2";

beforeAll(async () => {
  await seedDemoData();
  admin = await loggedIn("admin");
});

const day = () => localDateKey(Date.now() + 8 * 86_400_000, "Asia/Kolkata");
const schedule = (fields: Record<string, string>) =>
  post(admin.browser, `/admin/showtimes/new?screen=${SCREEN}`, admin.csrf, { movieId: "mov-monsoon-express", date: day(), "price.CLASSIC": "150", "price.PRIME": "200", ...fields });

describe("showtime language and format come from the operator's lists", () => {
  it("the form offers the lists as choices, and refuses a value not on them", async () => {
    const page = await (await admin.browser.get(`/admin/showtimes/new?screen=${SCREEN}`)).text();
    expect(page).toMatch(/<select[^>]*name="language"/);
    expect(page).toContain('<option value="IMAX">IMAX</option>');
    const res = await schedule({ time: "08:00", format: "2D", language: "Hinglish" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a language from the list");
    expect((await schedule({ time: "08:00", format: "70mm", language: "Hindi" })).status).toBe(400);
  });

  it("an admin adds and removes entries (audited); duplicates and unknown entries are refused", async () => {
    const added = await post(admin.browser, "/admin/options", admin.csrf, { intent: "add", kind: "format", value: "Dolby Atmos" });
    expect(added.status).toBe(302);
    expect((await post(admin.browser, "/admin/options", admin.csrf, { intent: "add", kind: "format", value: "Dolby Atmos" })).status).toBe(409);
    expect((await post(admin.browser, "/admin/options", admin.csrf, { intent: "add", kind: "format", value: "" })).status).toBe(400);
    expect((await post(admin.browser, "/admin/options", admin.csrf, { intent: "add", kind: "colour", value: "Red" })).status).toBe(400);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'option.format.add' AND target = 'Dolby Atmos'").first("n")).toBe(1);

    const ok = await schedule({ time: "09:00", format: "Dolby Atmos", language: "Hindi" });
    expect(ok.status).toBe(302);
    const id = /\/admin\/showtimes\/([^/?]+)/.exec(ok.headers.get("Location") ?? "")?.[1];
    expect(await env.DB.prepare("SELECT format FROM showtimes WHERE id = ?").bind(id).first("format")).toBe("Dolby Atmos");

    expect((await post(admin.browser, "/admin/options", admin.csrf, { intent: "remove", kind: "format", value: "Dolby Atmos" })).status).toBe(302);
    expect((await post(admin.browser, "/admin/options", admin.csrf, { intent: "remove", kind: "format", value: "Dolby Atmos" })).status).toBe(404);
    expect((await schedule({ time: "13:00", format: "Dolby Atmos", language: "Hindi" })).status).toBe(400);
    // The show already scheduled keeps its format.
    expect(await env.DB.prepare("SELECT format FROM showtimes WHERE id = ?").bind(id).first("format")).toBe("Dolby Atmos");
  });
});
