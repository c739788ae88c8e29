import { exports } from "cloudflare:workers";
import { describe, expect, it, beforeAll } from "vitest";
import { seedDemoData } from "#tests/helpers/seed";

describe("smoke", () => {
  beforeAll(async () => { await seedDemoData(); });
  it("home", async () => {
    const res = await exports.default.fetch("http://localhost/?city=mumbai");
    const html = await res.text();
    expect(res.status, html.slice(0, 2000)).toBe(200);
    expect(html).toContain("Monsoon Express");
  });
});
