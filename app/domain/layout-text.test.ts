import { describe, expect, it } from "vitest";
import { SEED_SCREENS } from "#app/db/seed-data.server";
import { countSeats, listSeats } from "./layout";
import { blankDraft, draftFromLayout, draftToText, layoutFromDraft, nextCellCode, parseLayoutText, rowLabel } from "./layout-text";

describe("layout text format", () => {
  it("parses categories, aisles, missing seats, wheelchair and companion seats", () => {
    const result = parseLayoutText("CLASSIC Classic\nPRIME Prime seats", "A CLASSIC wss__ssc\nB PRIME sxs_s");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layout.categories[1]).toEqual({ code: "PRIME", name: "Prime seats" });
    const seats = listSeats(result.layout);
    expect(seats.filter((s) => s.row === "A").map((s) => s.id)).toEqual(["A1", "A2", "A3", "A4", "A5", "A6"]);
    expect(seats.find((s) => s.id === "A1")?.type).toBe("wheelchair");
    expect(seats.find((s) => s.id === "A6")?.type).toBe("companion");
    // The missing seat keeps its number: B2 does not exist, the seat after it is B3.
    expect(seats.filter((s) => s.row === "B").map((s) => s.id)).toEqual(["B1", "B3", "B4"]);
    expect(result.layout.rows[0]!.cells).toHaveLength(8);
  });

  it("reports unknown categories, duplicate rows and bad seat codes instead of saving them", () => {
    const unknown = parseLayoutText("CLASSIC Classic", "A GOLD ssss");
    expect(unknown.ok === false && unknown.errors.join()).toMatch(/unknown category GOLD/);
    const dup = parseLayoutText("CLASSIC Classic", "A CLASSIC ss\nA CLASSIC ss");
    expect(dup.ok === false && dup.errors.join()).toMatch(/Row A appears twice/);
    const bad = parseLayoutText("CLASSIC Classic", "A CLASSIC ss?s");
    expect(bad.ok === false && bad.errors.join()).toMatch(/"\?" is not a seat code/);
    const empty = parseLayoutText("CLASSIC Classic", "A CLASSIC ___");
    expect(empty.ok).toBe(false);
    const short = parseLayoutText("CLASSIC Classic", "A CLASSIC");
    expect(short.ok === false && short.errors.join()).toMatch(/needs a label, a category and a seat pattern/);
  });

  it("round-trips every demo screen through the text format without changing a seat", () => {
    for (const screen of SEED_SCREENS) {
      const { categoriesText, rowsText } = draftToText(draftFromLayout(screen.layout));
      const back = parseLayoutText(categoriesText, rowsText);
      expect(back.ok && back.layout).toEqual(screen.layout);
    }
  });

  it("round-trips a missing seat as x", () => {
    const parsed = layoutFromDraft({ categories: [{ code: "CLASSIC", name: "Classic" }], rows: [{ label: "A", category: "CLASSIC", pattern: "s_sxs" }] });
    expect(parsed.ok && draftFromLayout(parsed.layout).rows[0]!.pattern).toBe("s_sxs");
  });

  it("a blank grid has rows × columns seats split by an aisle", () => {
    const draft = blankDraft(3, 10);
    const parsed = layoutFromDraft(draft);
    expect(parsed.ok && countSeats(parsed.layout)).toBe(30);
    expect(draft.rows[0]!.pattern).toBe("sssss_sssss");
  });

  it("labels rows past Z and cycles cell codes", () => {
    expect([rowLabel(0), rowLabel(25), rowLabel(26), rowLabel(27)]).toEqual(["A", "Z", "AA", "AB"]);
    expect(nextCellCode("s")).toBe("w");
    expect(nextCellCode("_")).toBe("s");
  });
});
