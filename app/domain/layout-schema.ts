import { z } from "zod";
import { SEAT_TYPES, type SeatCategory, type SeatLayout } from "./layout";

/** Seat id syntax, shared by every input schema that names seats. */
export const seatIdSchema = z.string().regex(/^[A-Z]{1,2}[1-9][0-9]?$/, "Seat ids look like C7");

export const seatCategorySchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/, "Category codes are 2–16 capitals, e.g. PRIME"),
  name: z.string().trim().min(1).max(40),
});

export const seatCellSchema = z.object({
  n: z.number().int().min(1).max(99),
  type: z.enum(SEAT_TYPES).default("standard"),
});

export const seatRowSchema = z.object({
  label: z.string().regex(/^[A-Z]{1,2}$/, "Row labels are one or two capital letters"),
  category: z.string(),
  cells: z.array(seatCellSchema.nullable()).min(1).max(60),
});

export const seatLayoutSchema = z
  .object({
    categories: z.array(seatCategorySchema).min(1).max(8),
    rows: z.array(seatRowSchema).min(1).max(40),
  })
  .superRefine((layout, ctx) => {
    const codes = new Set(layout.categories.map((c) => c.code));
    if (codes.size !== layout.categories.length) {
      ctx.addIssue({ code: "custom", message: "Category codes must be unique" });
    }
    const labels = new Set<string>();
    const seatIds = new Set<string>();
    for (const row of layout.rows) {
      if (labels.has(row.label)) ctx.addIssue({ code: "custom", message: `Row ${row.label} appears twice` });
      labels.add(row.label);
      if (!codes.has(row.category)) {
        ctx.addIssue({ code: "custom", message: `Row ${row.label} uses unknown category ${row.category}` });
      }
      for (const cell of row.cells) {
        if (!cell) continue;
        const id = `${row.label}${cell.n}`;
        if (seatIds.has(id)) ctx.addIssue({ code: "custom", message: `Seat ${id} appears twice` });
        seatIds.add(id);
      }
    }
    if (seatIds.size === 0) ctx.addIssue({ code: "custom", message: "A layout needs at least one seat" });
  });


/** The schema and the hand-written type must agree; this line fails to compile if they drift. */
export const _layoutTypeCheck: (l: z.output<typeof seatLayoutSchema>) => SeatLayout = (l) => l;

/**
 * Builds a layout from a compact spec: for each row, the category and a pattern where
 * "s" is a seat, "w" a wheelchair space, "c" a companion seat and "_" a gap.
 */
export function layoutFromPattern(
  categories: SeatCategory[],
  rows: { label: string; category: string; pattern: string }[],
): SeatLayout {
  return seatLayoutSchema.parse({
    categories,
    rows: rows.map((r) => {
      let n = 0;
      return {
        label: r.label,
        category: r.category,
        cells: [...r.pattern].map((ch) => {
          if (ch === "_") return null;
          n += 1;
          return { n, type: ch === "w" ? "wheelchair" : ch === "c" ? "companion" : "standard" };
        }),
      };
    }),
  });
}
