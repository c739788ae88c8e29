/** Draws a poster as SVG from the movie's own data, so nothing is fetched from the internet. */

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function wrap(title: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/)) {
    if ((line + " " + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = (line + " " + word).trim();
    }
  }
  if (line) lines.push(line);
  return lines.slice(0, 4);
}

export function posterSvg(movie: { title: string; posterHue: number; certificate: string; genres: string[] }): string {
  const h = movie.posterHue % 360;
  const lines = wrap(movie.title.toUpperCase(), 12);
  const title = lines
    .map((l, i) => `<text x="120" y="${236 + (i - lines.length + 1) * 30}" text-anchor="middle">${escapeXml(l)}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 360" role="img" aria-label="${escapeXml(movie.title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="hsl(${h} 70% 45%)"/><stop offset="1" stop-color="hsl(${(h + 50) % 360} 60% 12%)"/></linearGradient></defs>
<rect width="240" height="360" fill="url(#g)"/>
<circle cx="180" cy="80" r="60" fill="hsl(${(h + 180) % 360} 80% 70%)" opacity="0.35"/>
<circle cx="50" cy="150" r="90" fill="hsl(${(h + 30) % 360} 80% 60%)" opacity="0.18"/>
<g font-family="Impact, 'Arial Black', sans-serif" font-size="28" fill="#fff" letter-spacing="1">${title}</g>
<text x="120" y="290" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#fff" opacity="0.85">${escapeXml(movie.genres.join(" · "))}</text>
<rect x="96" y="312" width="48" height="22" rx="4" fill="none" stroke="#fff" stroke-width="1.5"/>
<text x="120" y="328" text-anchor="middle" font-family="sans-serif" font-size="12" font-weight="bold" fill="#fff">${escapeXml(movie.certificate)}</text>
</svg>`;
}
