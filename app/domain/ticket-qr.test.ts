import { describe, expect, it } from "vitest";
import { decodeQrPng } from "#tests/helpers/qr-decode";
import { qrModules, qrPng, qrSvg } from "./ticket-qr";

const TOKEN = "MQ1.bk_demo_123.3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe("ticket QR", () => {
  it("PNG decodes with a real QR reader to exactly the token", async () => {
    const png = await qrPng(TOKEN);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(await decodeQrPng(png)).toBe(TOKEN);
  });

  it("SVG draws the same modules as the PNG", () => {
    const modules = qrModules(TOKEN);
    const svg = qrSvg(TOKEN);
    const darkCount = modules.flat().filter(Boolean).length;
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(darkCount);
    expect(svg).toContain(`viewBox="0 0 ${modules.length + 8} ${modules.length + 8}"`);
  });

  it("different tokens give different codes", async () => {
    expect(await decodeQrPng(await qrPng(`${TOKEN}x`))).toBe(`${TOKEN}x`);
    expect(qrModules(TOKEN)).not.toEqual(qrModules(`${TOKEN}x`));
  });
});
