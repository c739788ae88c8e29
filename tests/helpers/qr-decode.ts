import jsQR from "jsqr";

/**
 * Reads back what a real scanner would: decodes the greyscale PNG our encoder writes (8-bit, filter 0)
 * to RGBA pixels and runs jsQR over them. Only our own PNG flavour is supported, on purpose.
 */
export async function decodeQrPng(png: Uint8Array): Promise<string | null> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      if (data[8] !== 8 || data[9] !== 0) throw new Error("only 8-bit greyscale PNGs are supported");
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const stream = new Blob(idat.map((d) => d.slice())).stream().pipeThrough(new DecompressionStream("deflate"));
  const raw = new Uint8Array(await new Response(stream).arrayBuffer());
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error("only filter type 0 is supported");
    for (let x = 0; x < width; x++) {
      const v = raw[y * (width + 1) + 1 + x]!;
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return jsQR(rgba, width, height)?.data ?? null;
}
