import { Form } from "react-router";
import type { ReactNode } from "react";
import { SelectField } from "./ui";
import { Field } from "#app/components/forms";

/** The GET form behind every per-day operator view: a day and, optionally, one cinema. */
export function DayFilterForm({ date, cinemaId, cinemas: list, children }: { date: string; cinemaId: string | null; cinemas: { id: string; name: string }[]; children?: ReactNode }) {
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3">
      <Field label="Day" inputProps={{ name: "date", type: "date", defaultValue: date, required: true }} />
      <SelectField label="Cinema" selectProps={{ name: "cinema", defaultValue: cinemaId ?? "" }}>
        <option value="">All cinemas</option>
        {list.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-50">
        Show
      </button>
      {children}
    </Form>
  );
}

