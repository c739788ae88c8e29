/**
 * What an uploaded image really is, from its bytes rather than its name or declared type, and how
 * big it is, from the header alone (no decoding): PNG, JPEG and WebP.
 */

export type SniffedImage = { type: "image/png" | "image/jpeg" | "image/webp"; ext: "png" | "jpg" | "webp"; width: number; height: number };

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

export function sniffImage(b: Uint8Array): SniffedImage | null {
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a && ascii(b, 12, 4) === "IHDR") {
    return { type: "image/png", ext: "png", width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 30 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return webp(b);
  return null;
}

function jpeg(b: Uint8Array): SniffedImage | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = u16be(b, i + 2);
    // Start-of-frame markers (baseline, progressive, …) carry the size; C4, C8 and CC do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { type: "image/jpeg", ext: "jpg", width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}

function webp(b: Uint8Array): SniffedImage | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X") return { type: "image/webp", ext: "webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === "VP8 " && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { type: "image/webp", ext: "webp", width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { type: "image/webp", ext: "webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

export const POSTER_MAX_BYTES = 2 * 1024 * 1024;
export const POSTER_MIN = { width: 300, height: 450 };
export const POSTER_MAX_SIDE = 4000;

/** The poster rule: a real PNG/JPEG/WebP, portrait, at least 300×450, at most 4000 px a side. */
export function checkPoster(b: Uint8Array): { ok: true; image: SniffedImage } | { ok: false; status: 413 | 415 | 422; message: string } {
  if (b.length > POSTER_MAX_BYTES) return { ok: false, status: 413, message: `That file is ${(b.length / 1048576).toFixed(1)} MB; posters can be at most 2 MB.` };
  const image = sniffImage(b);
  if (!image) return { ok: false, status: 415, message: "That file isn't a PNG, JPEG or WebP image (whatever its name says). Export the poster as one of those." };
  if (image.width < POSTER_MIN.width || image.height < POSTER_MIN.height) {
    return { ok: false, status: 422, message: `That image is ${image.width}×${image.height}; posters must be at least ${POSTER_MIN.width}×${POSTER_MIN.height} pixels.` };
  }
  if (image.width > POSTER_MAX_SIDE || image.height > POSTER_MAX_SIDE) {
    return { ok: false, status: 422, message: `That image is ${image.width}×${image.height}; posters must be at most ${POSTER_MAX_SIDE} pixels a side.` };
  }
  if (image.width >= image.height) return { ok: false, status: 422, message: `That image is ${image.width}×${image.height} (landscape); posters are portrait, about 2:3.` };
  return { ok: true, image };
}
