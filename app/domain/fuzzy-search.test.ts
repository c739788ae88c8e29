import { describe, expect, it } from "vitest";
import { editDistance, fuzzyFind, typoAllowance } from "./fuzzy-search";

const films = [
  { item: "monsoon-express", title: "Monsoon Express", names: ["Arjun Mehra", "Priya Raman", "Anand Iyer"] },
  { item: "the-last-lamplighter", title: "The Last Lamplighter", names: ["Kabir Sethi", "Rhea Kapoor"] },
  { item: "orbit-zero", title: "Orbit Zero", names: ["Priya Raman", "Vikram Aditya"] },
  { item: "paper-kites", title: "Paper Kites", names: ["Meera Nair"] },
];
const find = (q: string) => fuzzyFind(q.split(" "), films, 10).map((h) => h.item);

describe("typo-forgiving search", () => {
  it("measures typos, a swap of neighbours counting once", () => {
    expect(editDistance("monsun", "monsoon", 2)).toBe(2);
    expect(editDistance("expres", "express", 2)).toBe(1);
    expect(editDistance("lapm", "lamp", 1)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("finds titles with one or two typos in each word", () => {
    expect(find("monsun expres")).toEqual(["monsoon-express"]);
    expect(find("lamplightr")).toEqual(["the-last-lamplighter"]);
    expect(find("orbti")).toEqual(["orbit-zero"]);
  });

  it("finds cast and crew with typos, and says who matched", () => {
    const [hit] = fuzzyFind(["vikrm"], films, 10);
    expect(hit).toMatchObject({ item: "orbit-zero", titleHit: false, matchedName: "Vikram Aditya" });
    expect(find("rhea kapor")).toEqual(["the-last-lamplighter"]);
  });

  it("does not let short words or three typos match anything", () => {
    expect(typoAllowance(3)).toBe(0);
    expect(find("zer")).toEqual(["orbit-zero"]);
    expect(find("kat")).toEqual([]);
    expect(find("mxnsxxn")).toEqual([]);
  });

  it("needs every word to match, and ranks fewer typos first", () => {
    expect(find("paper monsoon")).toEqual([]);
    expect(find("priya")).toEqual(["monsoon-express", "orbit-zero"]);
    const ranked = fuzzyFind(["kites"], [...films, { item: "kitez", title: "Kitez", names: [] }], 10).map((h) => h.item);
    expect(ranked).toEqual(["paper-kites", "kitez"]);
  });
});
