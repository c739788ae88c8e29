import { describe, expect, it } from "vitest";
import { concatBytes, jpegHeader, png } from "#tests/helpers/images";
import { sniffImage } from "./image-sniff";
import { isWholeImage } from "./image-whole";

const whole = async (b: Uint8Array) => isWholeImage(b, sniffImage(b)!);
const join = concatBytes;
const text = (s: string) => new TextEncoder().encode(s);

describe("an upload is one whole image", () => {
  it("accepts a real PNG and a structurally whole JPEG", async () => {
    expect(await whole(await png(300, 450))).toBe(true);
    expect(await whole(jpegHeader(600, 900))).toBe(true);
  });

  it("refuses a PNG header followed by a script, and anything after IEND", async () => {
    const good = await png(300, 450);
    expect(await whole(join(good.subarray(0, 33), text("<script>alert(1)</script>")))).toBe(false);
    expect(await whole(join(good, text("<script>alert(1)</script>")))).toBe(false);
  });

  it("refuses a PNG cut short, with a broken checksum, or whose pixels don't fill its size", async () => {
    const good = await png(300, 450);
    expect(await whole(good.subarray(0, good.length - 20))).toBe(false);
    const flipped = good.slice();
    flipped[40] = flipped[40]! ^ 0xff;
    expect(await whole(flipped)).toBe(false);
    // The header of a 300×450 image with the rows of a 300×449 one.
    const shorter = await png(300, 449);
    const lying = shorter.slice();
    lying.set(good.subarray(8, 33), 8);
    expect(await whole(lying)).toBe(false);
  });

  it("refuses a JPEG with no scan, or with bytes after its end", async () => {
    const j = jpegHeader(600, 900);
    expect(await whole(join(j, text("<script>")))).toBe(false);
    const noScan = new Uint8Array([...j.subarray(0, 39), 0xff, 0xd9]);
    expect(await whole(noScan)).toBe(false);
  });
});
