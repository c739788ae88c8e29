import { decode as decodeJpeg, encode as encodeJpeg } from "jpeg-js";
import { POSTER_WIDTHS } from "#app/catalogue/poster";

/**
 * Smaller copies of an uploaded poster, made once at upload so a 240 px slot never downloads a 2 MB
 * original. Pure JS (jpeg-js, and PNG unfiltering here) because that runs in a Worker with no
 * Images binding; WebP, palette/16-bit/interlaced PNGs and anything over MAX_PIXELS get no copies
 * and are served whole, as before.
 */
export type PosterVariant = { width: number; bytes: Uint8Array };

type Rgba = { width: number; height: number; data: Uint8Array };

/**
 * A Worker isolate has 128 MB. Decoding a PNG holds the inflated rows, the unfiltered pixels and RGBA
 * (~12 bytes a pixel, 48 MB at 4 MP); a larger poster is served as uploaded.
 */
const MAX_PIXELS = 4_000_000;
const QUALITY = 80;
/** jpeg-js counts its own buffers against this: a 1200×1800 JPEG fits (measured), 1600×2400 needs ~81 MB and is served whole. */
const JPEG_MEMORY_MB = 80;

export async function posterVariants(bytes: Uint8Array, type: string, width: number): Promise<PosterVariant[]> {
  const targets = POSTER_WIDTHS.filter((w) => w < width);
  if (targets.length === 0) return [];
  try {
    const image = type === "image/png" ? await decodePng(bytes) : type === "image/jpeg" ? decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: JPEG_MEMORY_MB }) : null;
    if (!image || image.width * image.height > MAX_PIXELS) return [];
    return targets.map((w) => {
      const small = shrink(image, w);
      return { width: w, bytes: new Uint8Array(encodeJpeg(small, QUALITY).data) };
    });
  } catch {
    // An image the validator accepted but this decoder can't read (an unusual JPEG mode) is served whole.
    return [];
  }
}

/** Area-average downscale: each output pixel is the mean of the source pixels it covers (no aliasing). */
function shrink(src: Rgba, width: number): Rgba {
  const height = Math.max(1, Math.round((src.height * width) / src.width));
  const out = new Uint8Array(width * height * 4);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0, g = 0, b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * src.width + xx) * 4;
          r += src.data[i]!;
          g += src.data[i + 1]!;
          b += src.data[i + 2]!;
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      out[o] = r / count;
      out[o + 1] = g / count;
      out[o + 2] = b / count;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** 8-bit grey/RGB (± alpha), non-interlaced PNG → RGBA over white (a JPEG copy has no alpha). */
async function decodePng(b: Uint8Array): Promise<Rgba | null> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const idat: Uint8Array[] = [];
  let width = 0, height = 0, depth = 0, color = 0, interlace = 0;
  for (let i = 8; i + 8 <= b.length; ) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (type === "IHDR") [width, height, depth, color, interlace] = [view.getUint32(i + 8), view.getUint32(i + 12), b[i + 16]!, b[i + 17]!, b[i + 20]!];
    else if (type === "IDAT") idat.push(b.subarray(i + 8, i + 8 + length));
    else if (type === "IEND") break;
    i += 12 + length;
  }
  const ch = CHANNELS[color];
  if (depth !== 8 || !ch || interlace !== 0 || width * height > MAX_PIXELS) return null;
  const raw = new Uint8Array(await new Response(new Blob(idat as BlobPart[]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer());
  const stride = width * ch;
  if (raw.length < (stride + 1) * height) return null;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= ch ? px[row + x - ch]! : 0;
      const up = y > 0 ? px[row - stride + x]! : 0;
      const corner = y > 0 && x >= ch ? px[row - stride + x - ch]! : 0;
      px[row + x] = raw[src + x]! + unfilter(filter, left, up, corner);
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * ch;
    const [r, g, bl] = ch < 3 ? [px[s]!, px[s]!, px[s]!] : [px[s]!, px[s + 1]!, px[s + 2]!];
    const alpha = ch === 2 ? px[s + 1]! : ch === 4 ? px[s + 3]! : 255;
    const k = alpha / 255;
    data[p * 4] = r * k + 255 * (1 - k);
    data[p * 4 + 1] = g * k + 255 * (1 - k);
    data[p * 4 + 2] = bl * k + 255 * (1 - k);
    data[p * 4 + 3] = 255;
  }
  return { width, height, data };
}

function unfilter(filter: number, a: number, b: number, c: number): number {
  if (filter === 0) return 0;
  if (filter === 1) return a;
  if (filter === 2) return b;
  if (filter === 3) return (a + b) >> 1;
  if (filter === 4) {
    const p = a + b - c;
    const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }
  throw new Error(`PNG filter ${filter}`);
}
