import { describe, expect, it } from "vitest";
import { posterSvg } from "./poster";

const orbit = {
  slug: "orbit-zero",
  title: "Orbit Zero",
  posterHue: 260,
  certificate: "UA16+",
  genres: ["Sci-Fi", "Adventure"],
  credits: [
    { role: "Cast" as const, name: "Priya Raman", character: "Commander Asha Rao" },
    { role: "Director" as const, name: "Vikram Aditya" },
  ],
};

describe("generated poster", () => {
  it("is a one-sheet: the film's name for screen readers, title, tagline, billing block and certificate", () => {
    const svg = posterSvg(orbit);
    expect(svg).toContain('role="img" aria-label="Orbit Zero"');
    expect(svg).toContain(">ORBIT ZERO</text>");
    expect(svg).toContain("The ice is listening.");
    expect(svg).toContain("PRIYA RAMAN");
    expect(svg).toContain("DIRECTED BY VIKRAM ADITYA");
    expect(svg).toContain(">UA16+</text>");
  });

  it("draws the same bytes every time, and a different scene for each demo film", () => {
    expect(posterSvg(orbit)).toBe(posterSvg(orbit));
    const kites = posterSvg({ ...orbit, slug: "paper-kites", title: "Paper Kites" });
    expect(kites).toContain("Every kite carries a wish.");
    expect(kites).not.toContain("The ice is listening.");
  });

  it("gives any other film a landscape in its hue, and escapes what an operator typed", () => {
    const svg = posterSvg({ title: 'Tom & "Jerry" <b>', posterHue: 30, certificate: "U", genres: ["Comedy"] });
    expect(svg).toContain(">TOM &amp; &quot;JERRY&quot;</text>");
    expect(svg).toContain("aria-label=\"Tom &amp; &quot;Jerry&quot; &lt;b&gt;\"");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("hsl(30 70% 55%)");
  });

  it("stays small enough to inline-cache cheaply", () => {
    expect(posterSvg(orbit).length).toBeLessThan(10_000);
  });
});
