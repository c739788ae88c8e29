import { describe, expect, it } from "vitest";
import { bestAvailable, blockFromTap, orphansLeftBy, seatsTogetherAt } from "./best-seats";
import { layoutFromPattern } from "./layout-schema";

const cats = [
  { code: "CLASSIC", name: "Classic" },
  { code: "PRIME", name: "Prime" },
];

/** Rows front (A) to back; "s" seat, "w" wheelchair, "_" gap. Aisles keep numbering; see `missing` for skips. */
function house(rows: [label: string, category: string, pattern: string][]) {
  return layoutFromPattern(
    cats,
    rows.map(([label, category, pattern]) => ({ label, category, pattern })),
  );
}
const taken = (...ids: string[]) => {
  const set = new Set(ids);
  return (id: string) => !set.has(id);
};

describe("best available", () => {
  it("takes a central block a good way back in an empty house", () => {
    const layout = house([
      ["A", "CLASSIC", "ssssssss"],
      ["B", "CLASSIC", "ssssssss"],
      ["C", "PRIME", "ssssssss"],
      ["D", "PRIME", "ssssssss"],
    ]);
    // Two thirds back is between C and D; C is nearer. Centre of 8 is between seats 4 and 5.
    expect(bestAvailable(layout, () => true, 2)).toEqual(["C4", "C5"]);
    expect(bestAvailable(layout, () => true, 4)).toEqual(["C3", "C4", "C5", "C6"]);
  });

  it("keeps to one category when asked", () => {
    const layout = house([
      ["A", "CLASSIC", "ssssss"],
      ["B", "CLASSIC", "ssssss"],
      ["C", "PRIME", "ssssss"],
    ]);
    expect(bestAvailable(layout, () => true, 2, { category: "CLASSIC" })).toEqual(["B3", "B4"]);
  });

  it("never spans an aisle", () => {
    // C: seats 1-3, aisle, 4-6. Four together only fit in row A.
    const layout = house([
      ["A", "CLASSIC", "ssssss__"],
      ["B", "CLASSIC", "sss__sss"],
      ["C", "CLASSIC", "sss__sss"],
    ]);
    // A2-A5 is more central but strands A1 and A6: A3-A6 (against the aisle) strands nothing.
    expect(bestAvailable(layout, () => true, 4)).toEqual(["A3", "A4", "A5", "A6"]);
    expect(bestAvailable(layout, () => true, 7)).toBeNull();
  });

  it("never spans a missing seat (numbers skip across the gap)", () => {
    const layout = {
      categories: cats,
      rows: [
        { label: "A", category: "CLASSIC", cells: [{ n: 1, type: "standard" as const }, { n: 2, type: "standard" as const }, null, { n: 4, type: "standard" as const }, { n: 5, type: "standard" as const }] },
      ],
    };
    expect(bestAvailable(layout, () => true, 3)).toBeNull();
    expect(bestAvailable(layout, () => true, 2)?.length).toBe(2);
  });

  it("leaves no single empty seat when another block avoids it", () => {
    // Row B: B1 sold, B2-B6 free. The central pair B3-B4 would strand B2; B2-B3 or B5-B6 strand none.
    const layout = house([
      ["A", "CLASSIC", "ssssss"],
      ["B", "CLASSIC", "ssssss"],
    ]);
    const free = taken("B1", ...["A1", "A2", "A3", "A4", "A5", "A6"]);
    const got = bestAvailable(layout, free, 2)!;
    expect(got).toHaveLength(2);
    expect(orphansLeftBy(layout, free, got)).toEqual([]);
    expect(orphansLeftBy(layout, free, ["B3", "B4"])).toEqual(["B2"]);
  });

  it("strands a seat only when every block would (nearly sold out)", () => {
    const layout = house([["A", "CLASSIC", "sssss"]]);
    // Free: A1-A3 only. Two seats must leave one of them alone.
    const free = taken("A4", "A5");
    const got = bestAvailable(layout, free, 2)!;
    expect(got).toHaveLength(2);
    expect(orphansLeftBy(layout, free, got)).toHaveLength(1);
    // The last seat in the house is still offered to a fan of one.
    expect(bestAvailable(layout, taken("A1", "A2", "A4", "A5"), 1)).toEqual(["A3"]);
    expect(bestAvailable(layout, taken("A1", "A2", "A3", "A4", "A5"), 1)).toBeNull();
  });

  it("offers wheelchair spaces only to a fan who asks, and then includes one", () => {
    const layout = house([
      ["A", "CLASSIC", "wsss"],
      ["B", "CLASSIC", "ssss"],
    ]);
    expect(bestAvailable(layout, () => true, 4)).toEqual(["B1", "B2", "B3", "B4"]);
    expect(bestAvailable(layout, taken("B2"), 4)).toBeNull();
    expect(bestAvailable(layout, () => true, 2, { wheelchair: true })).toEqual(["A1", "A2"]);
  });

  it("treats the fan's own held seats as free (a new pick replaces them)", () => {
    const layout = house([["A", "CLASSIC", "ssss"]]);
    const views: Record<string, string> = { A2: "yours", A3: "yours" };
    expect(bestAvailable(layout, (id) => (views[id] ?? "available") !== "sold", 4)).toEqual(["A1", "A2", "A3", "A4"]);
  });
});

describe("a tap takes N seats", () => {
  const layout = house([["A", "CLASSIC", "ssssss__ssssss"]]);

  it("takes a block around the tapped seat in its row", () => {
    expect(blockFromTap(layout, () => true, "A3", 2)).toEqual(["A3", "A4"]);
    // Past the aisle the run is A7-A12: A9-A11 would strand A12, so the block runs to the row's end.
    expect(blockFromTap(layout, () => true, "A10", 3)).toEqual(["A10", "A11", "A12"]);
    expect(blockFromTap(layout, () => true, "A3", 1)).toEqual(["A3"]);
  });

  it("shifts the block rather than strand a seat against the aisle or the row's end", () => {
    // Centred on A3, three seats would be A2-A4 and strand A1; four would be A2-A5 and strand A1 and A6.
    expect(blockFromTap(layout, () => true, "A3", 3)).toEqual(["A1", "A2", "A3"]);
    expect(blockFromTap(layout, () => true, "A3", 4)).toEqual(["A1", "A2", "A3", "A4"]);
    expect(blockFromTap(layout, () => true, "A4", 5)).toEqual(["A2", "A3", "A4", "A5", "A6"]);
  });

  it("stops at the aisle and at taken seats", () => {
    expect(blockFromTap(layout, () => true, "A6", 7)).toBeNull();
    expect(seatsTogetherAt(layout, () => true, "A6")).toBe(6);
    const free = taken("A4");
    expect(blockFromTap(layout, free, "A2", 4)).toBeNull();
    expect(blockFromTap(layout, free, "A2", 3)).toEqual(["A1", "A2", "A3"]);
    expect(blockFromTap(layout, free, "A4", 1)).toBeNull();
    expect(seatsTogetherAt(layout, free, "A4")).toBe(0);
  });

  it("leaves out a wheelchair space unless it is the seat tapped", () => {
    const w = house([["A", "CLASSIC", "wssss"]]);
    expect(blockFromTap(w, () => true, "A2", 2)).toEqual(["A2", "A3"]);
    expect(blockFromTap(w, () => true, "A1", 2)).toEqual(["A1", "A2"]);
  });
});
