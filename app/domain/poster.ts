/**
 * Draws a one-sheet poster as SVG from the movie's own data, so nothing is fetched from the internet:
 * an illustrated scene, the title, a tagline, a billing block and the certificate. The demo films
 * each get their own scene; any other film gets a landscape in its hue. The same input always gives
 * the same bytes (a seeded random, no clock), so the response caches well and tests can compare.
 */
import type { Credit } from "./credits";

export type PosterMovie = { title: string; posterHue: number; certificate: string; genres: string[]; slug?: string; credits?: Credit[]; synopsis?: string };

const W = 240;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function wrap(title: string, width: number, max = 3): string[] {
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
  return lines.slice(0, max);
}

/** mulberry32 seeded from the title: rain, stars and windows land in the same places every time. */
function seeded(text: string): () => number {
  let a = 2166136261;
  for (const ch of text) a = Math.imul(a ^ ch.charCodeAt(0), 16777619);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const n = (v: number) => Math.round(v * 10) / 10;
const times = (count: number, draw: (i: number) => string) => Array.from({ length: count }, (_, i) => draw(i)).join("");
const sky = (id: string, stops: string[]) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops.map((c, i) => `<stop offset="${n(i / (stops.length - 1))}" stop-color="${c}"/>`).join("")}</linearGradient>`;
const stars = (rnd: Rnd, count: number, maxY: number) =>
  times(count, () => `<circle cx="${n(rnd() * W)}" cy="${n(rnd() * maxY)}" r="${n(0.3 + rnd() * 0.9)}" opacity="${n(0.4 + rnd() * 0.6)}"/>`);

type Scene = { defs: string; art: string; font: "display" | "serif" | "round" };

const monsoon = (rnd: Rnd): Scene => ({
  font: "display",
  defs: sky("s", ["#0b1220", "#1e3a5f", "#41627e"]) + `<radialGradient id="beam" cx="1" cy="0.5" r="1"><stop offset="0" stop-color="#fde68a" stop-opacity=".9"/><stop offset="1" stop-color="#fde68a" stop-opacity="0"/></radialGradient>`,
  art: `<rect width="240" height="360" fill="url(#s)"/>
<path d="M0 150 L40 120 L80 140 L130 100 L180 135 L240 110 V240 H0Z" fill="#16283c"/>
<path d="M0 175 Q60 150 120 170 T240 160 V240 H0Z" fill="#0f1d2c"/>
<path d="M150 18 L138 52 L148 52 L134 90 L160 46 L149 46 L162 18Z" fill="#e0f2fe" opacity=".8"/>
<rect y="212" width="240" height="6" fill="#0a121c"/>${times(6, (i) => `<path d="M${i * 44 - 6} 260 Q${i * 44 + 16} 222 ${i * 44 + 38} 260" fill="none" stroke="#0a121c" stroke-width="5"/>`)}
<path d="M40 182 L2 196 L2 214 L40 214Z" fill="#7f1d1d"/>${times(3, (i) => `<rect x="${-80 + i * 58}" y="${190 - i * 3}" width="54" height="${22 + i * 2}" rx="2" fill="#991b1b"/>${times(4, (j) => `<rect x="${-74 + i * 58 + j * 12}" y="${195 - i * 3}" width="8" height="6" fill="#fcd34d"/>`)}`)}
<path d="M100 181 H180 Q200 181 204 196 L210 212 H100Z" fill="#b91c1c"/><rect x="104" y="186" width="34" height="10" fill="#fcd34d"/><rect x="120" y="172" width="10" height="10" fill="#450a0a"/>
<path d="M208 200 L240 180 V220Z" fill="url(#beam)"/><circle cx="206" cy="202" r="3" fill="#fff7cc"/>
<g stroke="#cbd5e1" stroke-width=".8" opacity=".45">${times(90, () => {
    const x = rnd() * 260, y = rnd() * 330;
    return `<path d="M${n(x)} ${n(y)} l-4 ${n(12 + rnd() * 10)}"/>`;
  })}</g>`,
});

const lamplighter = (rnd: Rnd): Scene => {
  const lamp = (x: number, y: number, s: number) =>
    `<circle cx="${x}" cy="${y}" r="${18 * s}" fill="url(#glow)"/><rect x="${x - 0.8 * s}" y="${y}" width="${1.6 * s}" height="${70 * s}" fill="#1c1917"/><path d="M${x - 4 * s} ${y - 3 * s} h${8 * s} l${-1.5 * s} ${7 * s} h${-5 * s}Z" fill="#fde68a"/>`;
  return {
    font: "serif",
    defs: sky("s", ["#1e1b4b", "#7c2d12", "#f59e0b"]) + `<radialGradient id="glow"><stop offset="0" stop-color="#fef3c7" stop-opacity=".95"/><stop offset="1" stop-color="#fbbf24" stop-opacity="0"/></radialGradient>`,
    art: `<rect width="240" height="360" fill="url(#s)"/>${stars(rnd, 25, 70)}
<path d="M0 60 H30 V40 H55 V90 H70 V200 H0Z M240 70 H210 V50 H185 V100 H170 V200 H240Z" fill="#292524"/>${times(10, (i) => `<rect x="${i < 5 ? 8 + (i % 2) * 22 : 182 + (i % 2) * 24}" y="${80 + Math.floor(i % 5) * 22}" width="8" height="11" fill="${rnd() > 0.5 ? "#fbbf24" : "#44403c"}"/>`)}
<path d="M0 200 H240 V360 H0Z" fill="#1c1917"/><path d="M110 200 H130 L240 330 V360 H0 V330Z" fill="#44403c"/>
${lamp(96, 168, 0.45)}${lamp(146, 168, 0.45)}${lamp(84, 140, 0.8)}${lamp(158, 140, 0.8)}
<circle cx="60" cy="70" r="42" fill="url(#glow)"/><rect x="57" y="70" width="6" height="200" fill="#0c0a09"/><path d="M50 62 h20 l-4 18 h-12Z" fill="#fef3c7"/><path d="M54 62 l6 -8 l6 8Z" fill="#0c0a09"/>
<path d="M36 270 L74 96 M48 270 L86 96" stroke="#0c0a09" stroke-width="3"/>${times(9, (i) => `<path d="M${38 + i * 4} ${260 - i * 19} h12" stroke="#0c0a09" stroke-width="2.5"/>`)}
<g fill="#0c0a09"><circle cx="82" cy="110" r="7"/><path d="M72 112 h12 l-2 -10 h12 l-1 4 h-8 l2 14 h4 l-6 36 h-6 l2 -22 l-6 22 h-6 l4 -30Z"/><path d="M92 104 L104 66" stroke="#0c0a09" stroke-width="2"/></g>
<g fill="#0c0a09"><circle cx="160" cy="232" r="6"/><path d="M152 240 h16 l6 34 h-28Z"/><rect x="154" y="272" width="4" height="12"/><rect x="162" y="272" width="4" height="12"/><path d="M168 246 L180 254" stroke="#0c0a09" stroke-width="2.5"/></g><circle cx="182" cy="258" r="9" fill="url(#glow)"/><rect x="179" y="254" width="6" height="8" rx="1" fill="#fde68a"/>`,
  };
};

const chai = (rnd: Rnd): Scene => {
  const stall = (x: number, roof: string) =>
    `<rect x="${x}" y="170" width="70" height="70" fill="#7c2d12"/><path d="M${x - 6} 150 H${x + 76} L${x + 70} 172 H${x}Z" fill="${roof}"/>${times(5, (i) => `<path d="M${x - 6 + i * 16.4} 150 h8 l-1 22 h-8Z" fill="#fff7ed"/>`)}<rect x="${x}" y="196" width="70" height="8" fill="#431407"/>`;
  return {
    font: "round",
    defs: sky("s", ["#fde68a", "#fb923c", "#9a3412"]) + sky("tea", ["#b45309", "#78350f"]),
    art: `<rect width="240" height="360" fill="url(#s)"/><circle cx="120" cy="110" r="70" fill="#fef3c7" opacity=".5"/>
<path d="M0 40 Q120 80 240 40" fill="none" stroke="#7c2d12"/>${times(11, (i) => {
      const x = 10 + i * 21, y = 40 + 40 * Math.sin((Math.PI * x) / 240) * 0.75;
      return `<path d="M${n(x - 6)} ${n(y)} h12 l-6 14Z" fill="${["#dc2626", "#16a34a", "#2563eb", "#eab308"][i % 4]}"/>`;
    })}
${stall(6, "#dc2626")}${stall(164, "#15803d")}
<path d="M84 150 L156 150 L148 262 H92Z" fill="#fff" fill-opacity=".55" stroke="#fff" stroke-width="2"/><path d="M88 176 L152 176 L148 262 H92Z" fill="url(#tea)"/><path d="M88 176 L152 176" stroke="#fde68a" stroke-width="3"/>
<g fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" opacity=".8"><path d="M110 140 C96 120 124 112 108 90"/><path d="M130 140 C144 120 116 112 132 90"/></g>
<path d="M120 82 C108 66 92 80 120 100 C148 80 132 66 120 82Z" fill="#e11d48"/>${times(8, () => `<circle cx="${n(rnd() * W)}" cy="${n(180 + rnd() * 60)}" r="${n(1 + rnd() * 2)}" fill="#fef3c7" opacity=".8"/>`)}`,
  };
};

const orbit = (rnd: Rnd): Scene => ({
  font: "display",
  defs: `<radialGradient id="s" cx=".7" cy=".25" r="1"><stop offset="0" stop-color="#4c1d95"/><stop offset=".6" stop-color="#0f0a2e"/><stop offset="1" stop-color="#020617"/></radialGradient><radialGradient id="p" cx=".35" cy=".3"><stop offset="0" stop-color="#fcd34d"/><stop offset=".6" stop-color="#c2410c"/><stop offset="1" stop-color="#431407"/></radialGradient><radialGradient id="e" cx=".35" cy=".3"><stop offset="0" stop-color="#f0f9ff"/><stop offset="1" stop-color="#7dd3fc"/></radialGradient><linearGradient id="f" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fde68a"/><stop offset="1" stop-color="#f97316" stop-opacity="0"/></linearGradient><clipPath id="pc"><circle cx="176" cy="92" r="58"/></clipPath>`,
  art: `<rect width="240" height="360" fill="url(#s)"/><g fill="#fff">${stars(rnd, 80, 300)}</g>
<circle cx="176" cy="92" r="58" fill="url(#p)"/><g clip-path="url(#pc)" fill="#7c2d12" opacity=".35"><rect x="110" y="70" width="140" height="7"/><rect x="110" y="96" width="140" height="10"/><rect x="110" y="124" width="140" height="5"/><ellipse cx="192" cy="110" rx="9" ry="5" fill="#991b1b" opacity="1"/></g>
<ellipse cx="150" cy="128" rx="130" ry="34" transform="rotate(-18 150 128)" fill="none" stroke="#e0e7ff" stroke-width="1" stroke-dasharray="3 4" opacity=".7"/>
<circle cx="52" cy="168" r="22" fill="url(#e)"/><path d="M36 158 l14 6 l10 -4 M42 178 l12 -4 l16 6 M50 148 l4 12" fill="none" stroke="#0369a1" stroke-width=".8" opacity=".7"/>
<g transform="rotate(32 118 210)"><path d="M118 160 C130 172 132 196 130 236 H106 C104 196 106 172 118 160Z" fill="#e2e8f0"/><circle cx="118" cy="190" r="5" fill="#1e3a8a" stroke="#94a3b8" stroke-width="2"/><path d="M106 220 L94 244 H106Z M130 220 L142 244 H130Z" fill="#dc2626"/><path d="M108 238 H128 L122 290 H114Z" fill="url(#f)"/><rect x="106" y="208" width="24" height="4" fill="#f97316"/></g>`,
});

const kaveri = (rnd: Rnd): Scene => ({
  font: "serif",
  defs: sky("s", ["#022c22", "#0f766e", "#134e4a"]) + `<radialGradient id="m"><stop offset=".6" stop-color="#fef9c3"/><stop offset="1" stop-color="#fef9c3" stop-opacity="0"/></radialGradient>`,
  art: `<rect width="240" height="360" fill="url(#s)"/><g fill="#ecfeff">${stars(rnd, 40, 120)}</g><circle cx="168" cy="66" r="40" fill="url(#m)"/>
<path d="M0 150 Q50 110 100 140 T200 120 T240 130 V260 H0Z" fill="#064e3b"/><path d="M0 178 Q70 150 140 176 T240 168 V260 H0Z" fill="#022c22"/>
<path d="M70 176 Q150 196 110 226 Q60 262 150 300 H40 Q10 262 60 226 Q90 204 50 176Z" fill="#5eead4" opacity=".35"/>${times(6, (i) => `<rect x="${96 - i * 4 + n(rnd() * 8)}" y="${200 + i * 14}" width="${18 + i * 4}" height="2" fill="#fef9c3" opacity=".7"/>`)}
<polyline points="${times(25, (i) => `${i * 10},${n(218 + Math.sin(i * 1.3) * (4 + (i % 5) * 4) * (rnd() + 0.5))} `)}" fill="none" stroke="#fef9c3" stroke-width="1.2" opacity=".8"/>
<g fill="#011c16"><path d="M160 244 Q196 226 236 244 V262 H160Z"/><circle cx="190" cy="206" r="7"/><path d="M182 214 h16 l6 32 h-28Z"/><path d="M198 220 l14 -10" stroke="#011c16" stroke-width="3"/></g>
<g fill="#011c16"><rect x="40" y="190" width="2" height="58"/><path d="M41 190 L66 178" stroke="#011c16" stroke-width="2"/><rect x="62" y="172" width="8" height="12" rx="4"/><path d="M30 248 h22 l-11 -8Z"/></g>
<g fill="#fef9c3" opacity=".85" font-family="serif" font-size="18"><text x="80" y="110">♪</text><text x="120" y="140" font-size="14">♫</text><text x="46" y="132" font-size="12">♪</text></g>`,
});

const shadow = (rnd: Rnd): Scene => ({
  font: "display",
  defs: sky("s", ["#0a0a0a", "#450a0a", "#0a0a0a"]),
  art: `<rect width="240" height="360" fill="url(#s)"/>
<g font-family="monospace" font-size="8" fill="#ef4444" opacity=".22">${times(14, (i) => `<text x="4" y="${14 + i * 15}">${times(22, () => "0123456789ABCDEF"[Math.floor(rnd() * 16)]!)}</text>`)}</g>
<path d="M0 230 V180 H20 V150 H36 V190 H50 V120 H70 V200 H84 V170 H100 V230Z M140 230 V160 H156 V110 H176 V190 H192 V140 H210 V180 H224 V130 H240 V230Z" fill="#000"/>
<circle cx="120" cy="150" r="62" fill="none" stroke="#ef4444" stroke-width="1.2" opacity=".8"/><path d="M120 80 V104 M120 196 V220 M50 150 H74 M166 150 H190" stroke="#ef4444" stroke-width="1.2"/>
<g fill="#000"><circle cx="120" cy="112" r="13"/><path d="M104 110 Q120 92 136 110 L134 124 Q120 112 106 124Z"/><path d="M102 130 Q120 124 138 130 L150 260 H90Z"/><path d="M118 130 L114 240 L120 260 L126 240 L122 130Z" fill="#7f1d1d"/></g>
<rect y="148" width="240" height="1.5" fill="#f87171" opacity=".8"/>`,
});

const kites = (rnd: Rnd): Scene => {
  const kite = (x: number, y: number, s: number, a: string, b: string, rot: number) =>
    `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})"><path d="M0 -20 L15 0 L0 24 Z" fill="${a}"/><path d="M0 -20 L-15 0 L0 24 Z" fill="${b}"/><path d="M-15 0 H15 M0 -20 V24" stroke="#fff" stroke-width=".8"/><path d="M0 24 q6 8 0 14 q-6 8 0 14" fill="none" stroke="${a}" stroke-width="1.2"/></g>`;
  const flown: [number, number, number, string, string, number][] = [
    [70, 70, 1.3, "#f43f5e", "#fde047", -12],
    [170, 52, 1, "#8b5cf6", "#22d3ee", 10],
    [196, 128, 0.8, "#f97316", "#fff", -4],
    [40, 146, 0.7, "#22c55e", "#facc15", 14],
    [128, 112, 0.6, "#ec4899", "#60a5fa", -20],
  ];
  return {
    font: "round",
    defs: sky("s", ["#38bdf8", "#7dd3fc", "#fef3c7"]),
    art: `<rect width="240" height="360" fill="url(#s)"/><circle cx="200" cy="36" r="22" fill="#fde047"/><circle cx="200" cy="36" r="32" fill="#fde047" opacity=".3"/>
<g fill="#fff" opacity=".85"><ellipse cx="50" cy="30" rx="30" ry="9"/><ellipse cx="70" cy="24" rx="16" ry="9"/><ellipse cx="150" cy="180" rx="36" ry="8"/></g>
<g stroke="#475569" stroke-width=".5" opacity=".7">${flown.map(([x, y], i) => `<path d="M${x} ${y + 24} Q${x + 10} ${y + 100} ${60 + i * 30} 236" fill="none"/>`).join("")}</g>
${flown.map((k) => kite(...k)).join("")}
<path d="M0 230 H30 V210 H62 V226 H90 V200 H118 V222 H150 V206 H186 V218 H212 V196 H240 V360 H0Z" fill="#b45309"/>${times(14, (i) => `<rect x="${4 + i * 17}" y="${236 + (i % 3) * 12}" width="7" height="9" fill="${rnd() > 0.5 ? "#fde68a" : "#78350f"}"/>`)}
<rect x="96" y="186" width="14" height="14" fill="#1d4ed8"/><g fill="#422006"><circle cx="140" cy="194" r="4"/><path d="M136 199 h8 l2 14 h-12Z"/><path d="M144 200 L150 190" stroke="#422006" stroke-width="2"/></g>`,
  };
};

const ghost = (rnd: Rnd): Scene => ({
  font: "serif",
  defs: sky("s", ["#0c0a09", "#3b0764", "#1e1b4b"]) + `<radialGradient id="g"><stop offset="0" stop-color="#f5f3ff" stop-opacity=".9"/><stop offset="1" stop-color="#c4b5fd" stop-opacity="0"/></radialGradient>`,
  art: `<rect width="240" height="360" fill="url(#s)"/><g fill="#ede9fe">${stars(rnd, 30, 120)}</g><circle cx="120" cy="80" r="44" fill="#f5f3ff" opacity=".9"/><circle cx="120" cy="80" r="60" fill="#c4b5fd" opacity=".15"/>
<path d="M30 250 V140 H56 Q62 118 70 140 H100 Q120 100 140 140 H170 Q178 118 184 140 H210 V250Z" fill="#0c0a09"/>${times(3, (i) => `<path d="M${62 + i * 50} 200 v-22 q8 -14 16 0 v22Z" fill="${i === 1 ? "#fde68a" : "#1c1917"}"/>`)}${times(4, (i) => `<path d="M${50 + i * 40} 168 v-10 q6 -10 12 0 v10Z" fill="#1c1917"/>`)}
<ellipse cx="120" cy="186" rx="18" ry="26" fill="url(#g)"/>
<path d="M208 260 Q204 190 214 150 M214 170 Q226 160 236 150 M212 190 Q196 176 188 162" stroke="#1c1917" stroke-width="4" fill="none"/>${times(34, () => `<circle cx="${n(186 + rnd() * 54)}" cy="${n(140 + rnd() * 60)}" r="${n(2 + rnd() * 4)}" fill="${rnd() > 0.4 ? "#dc2626" : "#f97316"}" opacity=".9"/>`)}
<g transform="rotate(-14 60 120)" opacity=".45">${times(8, (i) => `<rect x="${18 + i * 9}" y="112" width="8" height="24" fill="#f5f3ff"/>`)}${times(5, (i) => `<rect x="${24 + i * 13}" y="112" width="5" height="14" fill="#1e1b4b"/>`)}</g>`,
});

/** Any other film: layered hills under a sun or moon in its own hue. */
const landscape = (rnd: Rnd, h: number): Scene => ({
  font: "display",
  defs: sky("s", [`hsl(${h} 70% 55%)`, `hsl(${(h + 30) % 360} 60% 30%)`, `hsl(${(h + 50) % 360} 60% 10%)`]),
  art: `<rect width="240" height="360" fill="url(#s)"/><g fill="#fff">${stars(rnd, 30, 100)}</g><circle cx="${n(60 + rnd() * 120)}" cy="90" r="34" fill="hsl(${(h + 180) % 360} 80% 80%)" opacity=".85"/>${times(3, (i) => {
    const y = 150 + i * 28;
    return `<path d="M0 ${y} ${times(6, (j) => `Q${j * 48 + 24} ${n(y - 20 - rnd() * 30)} ${j * 48 + 48} ${y} `)}V360 H0Z" fill="hsl(${h} 40% ${22 - i * 7}%)"/>`;
  })}`,
});

const SCENES: Record<string, (rnd: Rnd, hue: number) => Scene> = {
  "monsoon-express": monsoon,
  "the-last-lamplighter": lamplighter,
  "chai-and-chaos": chai,
  "orbit-zero": orbit,
  "kaveri-nights": kaveri,
  "shadow-protocol": shadow,
  "paper-kites": kites,
  "ghost-of-gulmohar": ghost,
};

const TAGLINES: Record<string, string> = {
  "monsoon-express": "One night. One train. No stops.",
  "the-last-lamplighter": "Every light has someone behind it.",
  "chai-and-chaos": "Love, served in small glasses.",
  "orbit-zero": "The ice is listening.",
  "kaveri-nights": "Some songs are only sung once.",
  "shadow-protocol": "She wrote the code. Now it wants her.",
  "paper-kites": "Every kite carries a wish.",
  "ghost-of-gulmohar": "There is no piano.",
};

const FONTS = {
  display: `font-family="Impact, 'Oswald', 'Arial Narrow', 'DejaVu Sans Condensed', sans-serif" font-weight="bold"`,
  serif: `font-family="Georgia, 'Times New Roman', 'DejaVu Serif', serif" font-weight="bold"`,
  round: `font-family="'Trebuchet MS', 'Verdana', 'DejaVu Sans', sans-serif" font-weight="bold"`,
};

function sceneKey(movie: PosterMovie): string | undefined {
  const slug = movie.slug ?? movie.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return Object.keys(SCENES).find((k) => slug === k || slug.startsWith(`${k}-`) || (k === "ghost-of-gulmohar" && slug.startsWith("the-ghost-of-gulmohar")));
}

/** The small print at the foot of a one-sheet: cast first, then "directed by" and the rest of the crew. */
function billing(credits: Credit[]): string[] {
  const cast = credits.filter((c) => c.role === "Cast").map((c) => c.name.toUpperCase());
  const crew = credits.filter((c) => c.role !== "Cast").map((c) => `${c.role === "Director" ? "DIRECTED BY" : c.role.toUpperCase()} ${c.name.toUpperCase()}`);
  return [cast.join("   "), crew.join("   ")].filter(Boolean);
}

export function posterSvg(movie: PosterMovie): string {
  const h = ((movie.posterHue % 360) + 360) % 360;
  const rnd = seeded(movie.slug ?? movie.title);
  const key = sceneKey(movie);
  const scene = key ? SCENES[key]!(rnd, h) : landscape(rnd, h);
  const tagline = (key && TAGLINES[key]) || (movie.synopsis && movie.synopsis.length <= 48 ? movie.synopsis : "");
  const lines = wrap(movie.title.toUpperCase(), 13);
  const size = Math.min(34, Math.floor(200 / Math.max(...lines.map((l) => l.length), 6) / 0.62));
  const title = lines
    .map((l, i) => `<text x="120" y="${278 + (i - lines.length + 1) * (size + 2)}" font-size="${size}" textLength="${Math.min(216, n(l.length * size * 0.62))}" lengthAdjust="spacingAndGlyphs">${escapeXml(l)}</text>`)
    .join("");
  const bill = billing(movie.credits ?? []);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 360" role="img" aria-label="${escapeXml(movie.title)}">
<defs>${scene.defs}<linearGradient id="fade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity=".9"/></linearGradient></defs>
${scene.art}
<rect y="200" width="240" height="160" fill="url(#fade)"/>
${tagline ? `<text x="120" y="20" text-anchor="middle" font-family="Georgia, serif" font-style="italic" font-size="10" fill="#fff" stroke="#000" stroke-width="2.5" stroke-opacity=".55" paint-order="stroke">${escapeXml(tagline)}</text>` : ""}
<g ${FONTS[scene.font]} fill="#fff" text-anchor="middle" stroke="#000" stroke-width="1" stroke-opacity=".5" paint-order="stroke">${title}</g>
<text x="120" y="296" text-anchor="middle" font-family="sans-serif" font-size="8" letter-spacing="2" fill="#fff" opacity=".85">${escapeXml(movie.genres.join(" · ").toUpperCase())}</text>
<g font-family="'Arial Narrow', 'DejaVu Sans Condensed', sans-serif" font-size="5.5" fill="#fff" opacity=".75" text-anchor="middle">${bill.map((l, i) => `<text x="106" y="${318 + i * 9}" textLength="${Math.min(180, n(l.length * 3.1))}" lengthAdjust="spacingAndGlyphs">${escapeXml(l)}</text>`).join("")}</g>
<rect x="200" y="326" width="30" height="24" rx="3" fill="#fff"/><text x="215" y="${movie.certificate.length > 2 ? 341 : 343}" text-anchor="middle" font-family="sans-serif" font-weight="bold" font-size="${movie.certificate.length > 3 ? 7 : 11}" fill="#111">${escapeXml(movie.certificate)}</text>
</svg>`;
}
