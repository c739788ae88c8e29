import { encode } from "uqr";
import { modulesToPng } from "./png";

/**
 * The QR of a ticket token, in the two forms we serve it: SVG for the ticket page (crisp, tiny,
 * same-origin) and PNG for email (mail clients drop SVG and data: URIs; a PNG attached inline and
 * referenced by cid: is shown by Gmail, Outlook and Apple Mail alike). Both come from one matrix,
 * so the page and the email always carry the same code.
 */

/** ECC level M: survives a scuffed phone screen, still version ≤ 5 for our ~60-character tokens. */
export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: "M", border: 0 }).data;
}

export function qrSvg(text: string, title = "Ticket QR code"): string {
  const modules = qrModules(text);
  const border = 4;
  const size = modules.length + 2 * border;
  let path = "";
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + border} ${y + border}h1v1h-1z`;
    }),
  );
  const safeTitle = title.replace(/[<>&"]/g, "");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="${safeTitle}"><title>${safeTitle}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

export function qrPng(text: string): Promise<Uint8Array> {
  return modulesToPng(qrModules(text), 6, 4);
}
