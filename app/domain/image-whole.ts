import { crc32 } from "./png";
import type { SniffedImage } from "./image-sniff";

/**
 * Whether an upload is one whole image and nothing else, checked through its structure to the last
 * byte: a PNG's chunks (each CRC), its IDAT stream inflated to exactly the pixel rows its header
 * promises, IEND at the very end; a JPEG's segments, a scan, EOI at the very end; a WebP's RIFF
 * chunks adding up to the file. A valid header followed by anything else (`<script>`, a ZIP, a
 * second image) is refused. Pure; the inflating uses the platform's DecompressionStream.
 */
export async function isWholeImage(b: Uint8Array, image: SniffedImage): Promise<boolean> {
  try {
    if (image.type === "image/png") return await wholePng(b);
    if (image.type === "image/jpeg") return wholeJpeg(b);
    return wholeWebp(b);
  } catch {
    return false;
  }
}

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const type = (b: Uint8Array, i: number) => String.fromCharCode(...b.subarray(i, i + 4));
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

async function wholePng(b: Uint8Array): Promise<boolean> {
  let i = 8;
  const idat: Uint8Array[] = [];
  let ihdr: Uint8Array | null = null;
  while (i + 12 <= b.length) {
    const len = u32(b, i);
    const t = type(b, i + 4);
    if (i + 12 + len > b.length) return false;
    if (crc32(b.subarray(i + 4, i + 8 + len)) !== u32(b, i + 8 + len)) return false;
    const data = b.subarray(i + 8, i + 8 + len);
    if (!ihdr && t !== "IHDR") return false;
    if (t === "IHDR") ihdr = data;
    if (t === "IDAT") idat.push(data);
    i += 12 + len;
    if (t === "IEND") return i === b.length && ihdr !== null && idat.length > 0 && (await inflatesTo(idat, expectedBytes(ihdr)));
  }
  return false;
}

/** The filtered scanlines a non-interlaced image holds; null for interlaced ones (inflated, not counted). */
function expectedBytes(ihdr: Uint8Array): number | null {
  const width = u32(ihdr, 0);
  const height = u32(ihdr, 4);
  const depth = ihdr[8]!;
  const channels = CHANNELS[ihdr[9]!];
  if (!channels) throw new Error("colour type");
  if (ihdr[12] === 1) return null;
  return height * (1 + Math.ceil((width * depth * channels) / 8));
}

/** Inflates the IDAT stream, stopping as soon as it passes `expected` (a small file cannot inflate into gigabytes here). */
async function inflatesTo(parts: Uint8Array[], expected: number | null): Promise<boolean> {
  const stream = new Blob(parts as BlobPart[]).stream().pipeThrough(new DecompressionStream("deflate"));
  const reader = stream.getReader();
  const cap = expected ?? 4000 * 4000 * 8 + 4000;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      return false;
    }
  }
  return expected === null || total === expected;
}

function wholeJpeg(b: Uint8Array): boolean {
  let i = 2;
  let frame = false;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return false;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) return false;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.length) return false;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frame = true;
    i += 2 + len;
    if (marker === 0xda) {
      if (!frame) return false;
      // Entropy-coded data: a 0xFF is followed by 0x00 (a stuffed byte) or a restart marker, until
      // EOI, or another segment (progressive JPEGs have several scans).
      while (i + 1 < b.length) {
        if (b[i] !== 0xff) {
          i++;
          continue;
        }
        const next = b[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
          i += next === 0xff ? 1 : 2;
          continue;
        }
        if (next === 0xd9) return i + 2 === b.length;
        break;
      }
    }
  }
  return false;
}

function wholeWebp(b: Uint8Array): boolean {
  const riff = b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24);
  if (riff + 8 !== b.length) return false;
  let i = 12;
  let image = false;
  while (i + 8 <= b.length) {
    const size = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
    const t = type(b, i);
    if (t === "VP8 " || t === "VP8L") image = true;
    i += 8 + size + (size & 1);
    if (i > b.length) return false;
  }
  return image && i === b.length;
}
