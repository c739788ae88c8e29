import { type z } from "zod";
import type { SeatCell, SeatLayout } from "./layout";
import { seatLayoutSchema } from "./layout-schema";

/**
 * The seat-layout editor's wire format: plain text an operator can also type without JavaScript.
 *
 *   categories:  one per line, "CODE Display name"          e.g. "PRIME Prime"
 *   rows:        one per line, front row first, "LABEL CODE pattern"   e.g. "A CLASSIC w sss__sss c"
 *
 * In a pattern "s" is a seat, "w" a wheelchair space, "c" a companion seat, "_" an aisle or gap
 * (takes no seat number) and "x" a missing seat (a gap that keeps its number, as when a seat was
 * removed and the plaques were not renumbered). Spaces inside a pattern are ignored.
 */
export type LayoutDraft = { categories: { code: string; name: string }[]; rows: { label: string; category: string; pattern: string }[] };

export const CELL_CODES = ["s", "w", "c", "x", "_"] as const;
export type CellCode = (typeof CELL_CODES)[number];

export type LayoutParseResult = { ok: true; layout: SeatLayout } | { ok: false; errors: string[] };

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export function draftFromText(categoriesText: string, rowsText: string): { draft: LayoutDraft; errors: string[] } {
  const errors: string[] = [];
  const categories = lines(categoriesText).map((line) => {
    const [code = "", ...name] = line.split(/\s+/);
    return { code: code.toUpperCase(), name: name.join(" ") || code };
  });
  const rows = lines(rowsText).map((line, i) => {
    const [label = "", category = "", ...pattern] = line.split(/\s+/);
    if (!pattern.length) errors.push(`Row line ${i + 1} needs a label, a category and a seat pattern`);
    return { label: label.toUpperCase(), category: category.toUpperCase(), pattern: pattern.join("").toLowerCase() };
  });
  return { draft: { categories, rows }, errors };
}

export function layoutFromDraft(draft: LayoutDraft): LayoutParseResult {
  const errors: string[] = [];
  const rows = draft.rows.map((r) => {
    let n = 0;
    const cells: (SeatCell | null)[] = [];
    for (const ch of r.pattern) {
      if (ch === "_") cells.push(null);
      else if (ch === "x") {
        n += 1;
        cells.push(null);
      } else if (ch === "s" || ch === "w" || ch === "c") {
        n += 1;
        cells.push({ n, type: ch === "w" ? "wheelchair" : ch === "c" ? "companion" : "standard" });
      } else {
        errors.push(`Row ${r.label}: "${ch}" is not a seat code (use s, w, c, x or _)`);
      }
    }
    // Leading/trailing gaps are layout; a row of nothing but gaps is a mistake the schema reports.
    return { label: r.label, category: r.category, cells };
  });
  if (errors.length) return { ok: false, errors };
  const parsed = seatLayoutSchema.safeParse({ categories: draft.categories, rows });
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map(describeIssue))] };
  return { ok: true, layout: parsed.data };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const [first, index, field] = issue.path;
  if (first === "rows" && typeof index === "number" && field === "cells") return `Row ${index + 1}: ${issue.message === "Too big: expected array to have <=60 items" ? "at most 60 places" : issue.message}`;
  if (first === "rows" && typeof index === "number") return `Row ${index + 1}: ${issue.message}`;
  if (first === "categories" && typeof index === "number") return `Category ${index + 1}: ${issue.message}`;
  return issue.message;
}

export function parseLayoutText(categoriesText: string, rowsText: string): LayoutParseResult {
  const { draft, errors } = draftFromText(categoriesText, rowsText);
  if (errors.length) return { ok: false, errors };
  return layoutFromDraft(draft);
}

/** The inverse of layoutFromDraft: missing seats come back as "x" where seat numbers jump. */
export function draftFromLayout(layout: SeatLayout): LayoutDraft {
  return {
    categories: layout.categories.map((c) => ({ ...c })),
    rows: layout.rows.map((row) => {
      const codes: CellCode[] = [];
      let expected = 1;
      let pendingGaps = 0;
      const flushGaps = (nextNumber: number | null) => {
        const skipped = nextNumber === null ? 0 : Math.min(pendingGaps, nextNumber - expected);
        for (let i = 0; i < pendingGaps - skipped; i++) codes.push("_");
        for (let i = 0; i < skipped; i++) codes.push("x");
        expected += skipped;
        pendingGaps = 0;
      };
      for (const cell of row.cells) {
        if (!cell) {
          pendingGaps += 1;
          continue;
        }
        flushGaps(cell.n);
        codes.push(cell.type === "wheelchair" ? "w" : cell.type === "companion" ? "c" : "s");
        expected = cell.n + 1;
      }
      flushGaps(null);
      return { label: row.label, category: row.category, pattern: codes.join("") };
    }),
  };
}

export function draftToText(draft: LayoutDraft): { categoriesText: string; rowsText: string } {
  return {
    categoriesText: draft.categories.map((c) => `${c.code} ${c.name}`).join("\n"),
    rowsText: draft.rows.map((r) => `${r.label} ${r.category} ${r.pattern}`).join("\n"),
  };
}

/** A starting grid for a new screen: `rows` × `columns` standard seats with a centre aisle. */
export function blankDraft(rows: number, columns: number): LayoutDraft {
  const half = Math.floor(columns / 2);
  const pattern = columns >= 6 ? `${"s".repeat(half)}_${"s".repeat(columns - half)}` : "s".repeat(columns);
  return {
    categories: [{ code: "CLASSIC", name: "Classic" }],
    rows: Array.from({ length: rows }, (_, i) => ({ label: rowLabel(i), category: "CLASSIC", pattern })),
  };
}

/** A, B, … Z, AA, AB, … */
export function rowLabel(index: number): string {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  return index < 26 ? letters[index]! : `${letters[Math.floor(index / 26) - 1]}${letters[index % 26]}`;
}

/** The next code in the editor's click cycle. */
export function nextCellCode(code: CellCode): CellCode {
  return CELL_CODES[(CELL_CODES.indexOf(code) + 1) % CELL_CODES.length]!;
}
