import { describe, expect, it } from "vitest";
import { categoriesBackToFront, countSeats, indexSeats } from "./layout";
import { layoutFromPattern, seatLayoutSchema } from "./layout-schema";

const cats = [
  { code: "CLASSIC", name: "Classic" },
  { code: "PRIME", name: "Prime" },
];

describe("seat layouts", () => {
  const layout = layoutFromPattern(cats, [
    { label: "A", category: "CLASSIC", pattern: "w__ss" },
    { label: "B", category: "PRIME", pattern: "ss_sc" },
  ]);

  it("numbers seats across gaps and keeps seat types", () => {
    const seats = indexSeats(layout);
    expect([...seats.keys()]).toEqual(["A1", "A2", "A3", "B1", "B2", "B3", "B4"]);
    expect(seats.get("A1")?.type).toBe("wheelchair");
    expect(seats.get("B4")?.type).toBe("companion");
    expect(seats.get("B3")?.category).toBe("PRIME");
    expect(countSeats(layout)).toBe(7);
  });

  it("lists categories from the back of the hall to the front", () => {
    expect(categoriesBackToFront(layout).map((c) => c.code)).toEqual(["PRIME", "CLASSIC"]);
  });

  it("rejects duplicate rows, duplicate seats and unknown categories", () => {
    const bad = seatLayoutSchema.safeParse({
      categories: cats,
      rows: [
        { label: "A", category: "GOLD", cells: [{ n: 1 }, { n: 1 }] },
        { label: "A", category: "CLASSIC", cells: [{ n: 2 }] },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain("Row A appears twice");
    expect(messages).toContain("Seat A1 appears twice");
    expect(messages).toContain("Row A uses unknown category GOLD");
  });
});
