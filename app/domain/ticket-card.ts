/**
 * The ticket as one downloadable image (SVG): film, cinema, screen, time, seats, code and the door
 * QR, so a fan can keep it in their photos without the app.
 */
export type TicketCardText = {
  movieTitle: string;
  detail: string;
  cinemaName: string;
  screenName: string;
  when: string;
  seats: string;
  code: string | null;
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function ticketCardSvg(t: TicketCardText, qrSvg: string): string {
  const W = 720;
  const H = 340;
  const qr = qrSvg.replace("<svg ", `<svg x="${W - 300}" y="20" width="280" height="280" `);
  const line = (y: number, text: string, size: number, weight = 400, fill = "#0f172a") =>
    `<text x="32" y="${y}" font-family="system-ui, sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(text)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(`Ticket: ${t.movieTitle}, ${t.when}`)}">`,
    `<rect width="${W}" height="${H}" rx="16" fill="#fff" stroke="#cbd5e1" stroke-width="2"/>`,
    line(56, "MARQUEE TICKET", 14, 700, "#be123c"),
    line(96, t.movieTitle, 28, 700),
    line(126, t.detail, 16, 400, "#334155"),
    line(166, `${t.cinemaName} · ${t.screenName}`, 18, 600),
    line(196, t.when, 18, 600),
    line(236, `Seats: ${t.seats}`, 20, 700),
    t.code ? line(286, `Code ${t.code}`, 26, 700) : "",
    line(318, "Show the QR code at the entrance.", 13, 400, "#475569"),
    qr,
    `</svg>`,
  ].join("");
}
