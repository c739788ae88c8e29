import { useMemo, useState } from "react";
import { type SeatLayout } from "#app/domain/layout";
import { CELL_CODES, draftFromText, draftToText, layoutFromDraft, rowLabel, type CellCode, type LayoutDraft } from "#app/domain/layout-text";
import { useHydrated } from "#app/utils/use-hydrated";
import { Notice, TextAreaField } from "./ui";
import { ErrorList } from "#app/components/forms";
import { SeatMap } from "#app/seats/seat-map";

const CODE_INFO: Record<CellCode, { name: string; look: string; text: string }> = {
  s: { name: "Seat", look: "border-emerald-600 bg-white text-emerald-800", text: "" },
  w: { name: "Wheelchair space", look: "border-sky-600 bg-white text-sky-700", text: "♿" },
  c: { name: "Companion seat", look: "border-violet-600 bg-violet-50 text-violet-800", text: "C" },
  x: { name: "Missing seat (keeps its number)", look: "border-dashed border-red-400 bg-red-50 text-red-500", text: "×" },
  _: { name: "Aisle / gap", look: "border-dotted border-slate-300 bg-slate-50 text-slate-300", text: "" },
};

export const LAYOUT_HINT =
  'Categories: one per line, "CODE Name". Rows: one per line from the front, "LABEL CATEGORY pattern", where s = seat, w = wheelchair, c = companion, x = missing seat, _ = aisle.';

/**
 * The seat-layout editor. Without JavaScript it is two text areas in the layout text format; with
 * JavaScript a grid you paint cells on, writing the same text into hidden fields. Either way the
 * preview is the customer's own <SeatMap/>, so what the operator sees is what customers will see.
 */
export function LayoutEditor({
  categoriesText,
  rowsText,
  prices,
  errors,
  serverPreview,
}: {
  categoriesText: string;
  rowsText: string;
  prices: Record<string, number>;
  errors?: string[];
  serverPreview: SeatLayout | null;
}) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{LAYOUT_HINT}</p>
        <TextAreaField label="Seat categories" textareaProps={{ name: "categoriesText", defaultValue: categoriesText, rows: 3 }} />
        <TextAreaField label="Rows (front row first)" textareaProps={{ name: "rowsText", defaultValue: rowsText, rows: 10 }} />
        <ErrorList errors={errors} />
        {serverPreview && <Preview layout={serverPreview} prices={prices} />}
      </div>
    );
  }
  return <GridEditor initial={draftFromText(categoriesText, rowsText).draft} prices={prices} serverErrors={errors} />;
}

function Preview({ layout, prices }: { layout: SeatLayout; prices: Record<string, number> }) {
  return (
    <section aria-label="Customer preview" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">Preview — as customers see it</h3>
      <SeatMap layout={layout} prices={prices} />
    </section>
  );
}

function GridEditor({ initial, prices, serverErrors }: { initial: LayoutDraft; prices: Record<string, number>; serverErrors?: string[] }) {
  const [draft, setDraft] = useState<LayoutDraft>(initial);
  const [brush, setBrush] = useState<CellCode>("s");
  const text = draftToText(draft);
  const built = useMemo(() => layoutFromDraft(draft), [draft]);
  const width = Math.max(1, ...draft.rows.map((r) => r.pattern.length));
  const backToFront = draft.rows.map((r, i) => ({ row: r, index: i })).reverse();

  const update = (fn: (d: LayoutDraft) => LayoutDraft) => setDraft((d) => fn(structuredClone(d)));
  const paint = (rowIndex: number, col: number) =>
    update((d) => {
      const row = d.rows[rowIndex]!;
      const cells = row.pattern.padEnd(col + 1, "_").split("");
      cells[col] = brush;
      row.pattern = cells.join("");
      return d;
    });
  const addRow = () =>
    update((d) => {
      const last = d.rows.at(-1);
      d.rows.push({ label: rowLabel(d.rows.length), category: last?.category ?? d.categories[0]?.code ?? "CLASSIC", pattern: last?.pattern.replace(/[wcx]/g, "s") ?? "ssssss" });
      return d;
    });
  const removeRow = () => update((d) => ({ ...d, rows: d.rows.length > 1 ? d.rows.slice(0, -1) : d.rows }));
  const addColumn = () => update((d) => ({ ...d, rows: d.rows.map((r) => ({ ...r, pattern: r.pattern.padEnd(width, "_") + "s" })) }));
  const removeColumn = () => update((d) => ({ ...d, rows: d.rows.map((r) => ({ ...r, pattern: r.pattern.length > 1 ? r.pattern.slice(0, width - 1) : r.pattern })) }));

  return (
    <div className="space-y-4">
      <input type="hidden" name="categoriesText" value={text.categoriesText} />
      <input type="hidden" name="rowsText" value={text.rowsText} />

      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-semibold">Seat categories</legend>
        <ul className="space-y-2">
          {draft.categories.map((c, i) => (
            <li key={i} className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                <span className="block text-xs text-slate-600">Code</span>
                <input
                  value={c.code}
                  onChange={(e) => {
                    const code = e.currentTarget.value.toUpperCase();
                    update((d) => {
                      const old = d.categories[i]!.code;
                      d.categories[i]!.code = code;
                      for (const r of d.rows) if (r.category === old) r.category = code;
                      return d;
                    });
                  }}
                  className="w-32 rounded-md border border-slate-400 px-2 py-1 font-mono uppercase"
                />
              </label>
              <label className="text-sm">
                <span className="block text-xs text-slate-600">Name</span>
                <input value={c.name} onChange={(e) => { const name = e.currentTarget.value; update((d) => { d.categories[i]!.name = name; return d; }); }} className="w-40 rounded-md border border-slate-400 px-2 py-1" />
              </label>
              {draft.categories.length > 1 && (
                <button type="button" onClick={() => update((d) => ({ ...d, categories: d.categories.filter((_, j) => j !== i) }))} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
                  Remove<span className="sr-only"> category {c.code}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => update((d) => ({ ...d, categories: [...d.categories, { code: `CAT${d.categories.length + 1}`, name: `Category ${d.categories.length + 1}` }] }))} className="mt-2 rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50">
          Add category
        </button>
      </fieldset>

      <fieldset className="flex flex-wrap gap-2" aria-describedby="brush-hint">
        <legend className="mb-1 w-full text-sm font-semibold">Brush</legend>
        <p id="brush-hint" className="w-full text-xs text-slate-600">
          Pick what a click on the grid puts there.
        </p>
        {CELL_CODES.map((code) => (
          <label key={code} className="flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 px-2 py-1 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input type="radio" name="brush" value={code} checked={brush === code} onChange={() => setBrush(code)} className="accent-brand-600" />
            <span className={`inline-flex h-5 w-5 items-center justify-center rounded-t border text-[10px] ${CODE_INFO[code].look}`} aria-hidden>
              {CODE_INFO[code].text}
            </span>
            {CODE_INFO[code].name}
          </label>
        ))}
      </fieldset>

      <div className="flex flex-wrap gap-2 text-sm">
        <button type="button" onClick={addRow} className="rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-50">Add row at the back</button>
        <button type="button" onClick={removeRow} className="rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-50">Remove back row</button>
        <button type="button" onClick={addColumn} className="rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-50">Add column</button>
        <button type="button" onClick={removeColumn} className="rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-50">Remove last column</button>
      </div>

      <div className="overflow-x-auto rounded-md border border-slate-200 bg-white p-2">
        <table className="border-separate border-spacing-1" aria-label="Layout grid, back row first">
          <tbody>
            {backToFront.map(({ row, index }) => (
              <tr key={index}>
                <th scope="row" className="pr-1 text-right">
                  <label className="sr-only" htmlFor={`row-label-${index}`}>Row label</label>
                  <input
                    id={`row-label-${index}`}
                    value={row.label}
                    onChange={(e) => { const label = e.currentTarget.value.toUpperCase(); update((d) => { d.rows[index]!.label = label; return d; }); }}
                    className="w-9 rounded border border-slate-300 px-1 py-0.5 text-center font-mono text-xs"
                  />
                </th>
                <td>
                  <label className="sr-only" htmlFor={`row-cat-${index}`}>Category of row {row.label}</label>
                  <select
                    id={`row-cat-${index}`}
                    value={row.category}
                    onChange={(e) => { const category = e.currentTarget.value; update((d) => { d.rows[index]!.category = category; return d; }); }}
                    className="rounded border border-slate-300 px-1 py-0.5 text-xs"
                  >
                    {draft.categories.map((c) => (
                      <option key={c.code} value={c.code}>{c.name}</option>
                    ))}
                  </select>
                </td>
                {Array.from({ length: width }, (_, col) => {
                  const code = (row.pattern[col] ?? "_") as CellCode;
                  const info = CODE_INFO[code] ?? CODE_INFO._;
                  return (
                    <td key={col}>
                      <button
                        type="button"
                        onClick={() => paint(index, col)}
                        aria-label={`Row ${row.label}, place ${col + 1}: ${info.name}. Set to ${CODE_INFO[brush].name}`}
                        className={`flex h-7 w-7 items-center justify-center rounded-t-md border text-[11px] ${info.look}`}
                      >
                        {info.text}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-center text-xs uppercase tracking-widest text-slate-500">Screen this way</p>
      </div>

      <ErrorList errors={built.ok ? serverErrors : built.errors} />
      {built.ok && <Preview layout={built.layout} prices={prices} />}
      {!built.ok && <Notice tone="warning">Fix the problems above to see the preview.</Notice>}
    </div>
  );
}
