// `node scripts/make-icons.mjs`: draws the app's home-screen icons (public/icons/*.png) from shapes,
// with no artwork downloaded: Marquee's ▶ in white on the brand red. Re-run after changing a colour.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BRAND = [0xbe, 0x12, 0x3c];
const NIGHT = [0x0f, 0x17, 0x2a];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** 4×4 supersampling: the share of a pixel inside `inside`, for smooth edges. */
const coverage = (x, y, inside) => {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) n += inside(x - 0.5 + (i + 0.5) / 4, y - 0.5 + (j + 0.5) / 4) ? 1 : 0;
  return n / 16;
};
const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));

/** `safe`: the share of the icon the glyph may use (maskable icons are cropped to a circle of 80 %). */
function icon(size, { rounded, safe }) {
  const s = size;
  const r = rounded ? s * 0.22 : 0;
  const inBox = (x, y) => {
    const dx = Math.max(r - x, 0, x - (s - r));
    const dy = Math.max(r - y, 0, y - (s - r));
    return dx * dx + dy * dy <= r * r;
  };
  // A play triangle, optically centred (a little right of the middle), and a strip of "screen" below.
  const g = s * safe;
  const cx = s / 2 + g * 0.05;
  const cy = s / 2 - g * 0.06;
  const h = g * 0.5;
  const inTri = (x, y) => x >= cx - h * 0.45 && Math.abs(y - cy) <= (h / 2) * (1 - (x - (cx - h * 0.45)) / (h * 0.9));
  const inStrip = (x, y) => Math.abs(x - s / 2) <= g * 0.3 && Math.abs(y - (s / 2 + g * 0.3)) <= g * 0.025;
  return png(size, (x, y) => {
    const box = coverage(x, y, inBox);
    if (box === 0) return [0, 0, 0, 0];
    const shade = mix(BRAND, NIGHT, Math.min(1, (y / s) * 0.6));
    const glyph = coverage(x, y, (a, b) => inTri(a, b) || inStrip(a, b));
    const c = mix(shade, [255, 255, 255], glyph);
    return [...c, Math.round(255 * box)];
  });
}

mkdirSync("public/icons", { recursive: true });
writeFileSync("public/icons/icon-192.png", icon(192, { rounded: true, safe: 0.9 }));
writeFileSync("public/icons/icon-512.png", icon(512, { rounded: true, safe: 0.9 }));
writeFileSync("public/icons/maskable-512.png", icon(512, { rounded: false, safe: 0.7 }));
writeFileSync("public/icons/apple-touch-icon.png", icon(180, { rounded: false, safe: 0.8 }));
console.log("wrote public/icons/{icon-192,icon-512,maskable-512,apple-touch-icon}.png");
