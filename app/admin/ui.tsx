import { Link } from "react-router";
import { useId, type ButtonHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { ErrorList } from "#app/components/forms";

/** Building blocks of the operator console, in the customer site's visual language. */

export function AdminPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{title}</h1>
        {actions}
      </div>
      <div className="mt-4 space-y-6">{children}</div>
    </div>
  );
}

export function Panel({ title, children, id }: { title?: string; children: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby={title ? headingId : undefined} id={id}>
      {title && (
        <h2 id={headingId} className="mb-3 text-lg font-semibold">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "error" | "warning"; children: ReactNode }) {
  const look = {
    info: "border-sky-300 bg-sky-50 text-sky-900",
    success: "border-emerald-300 bg-emerald-50 text-emerald-900",
    error: "border-red-300 bg-red-50 text-red-900",
    warning: "border-amber-300 bg-amber-50 text-amber-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border p-3 ${look}`}>
      {children}
    </div>
  );
}

const inputLook = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600";

/** Label, hint and errors around one control, wired up with ids for screen readers. */
function Labelled({ label, hint, errors, ownId, children }: { label: string; hint?: string; errors?: string[] | null; ownId?: string; children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const fallbackId = useId();
  const id = ownId ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": errorId ? true : undefined, "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined })}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({ label, errors, selectProps, children }: { label: string; errors?: string[] | null; selectProps: SelectHTMLAttributes<HTMLSelectElement> & { name: string }; children: ReactNode }) {
  return (
    <Labelled label={label} errors={errors} ownId={selectProps.id}>
      {(a11y) => (
        <select {...a11y} className={inputLook} {...selectProps}>
          {children}
        </select>
      )}
    </Labelled>
  );
}

export function TextAreaField({ label, hint, errors, mono = true, textareaProps }: { label: string; hint?: string; errors?: string[] | null; mono?: boolean; textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string } }) {
  return (
    <Labelled label={label} hint={hint} errors={errors} ownId={textareaProps.id}>
      {(a11y) => <textarea {...a11y} className={`${inputLook} ${mono ? "font-mono text-sm" : ""}`} {...textareaProps} />}
    </Labelled>
  );
}

/** Key figures as a grid of labelled numbers (sales, today). */
export function StatGrid({ stats, label, columns = "sm:grid-cols-4" }: { stats: [string, string][]; label?: string; columns?: string }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 text-sm ${columns}`} aria-label={label}>
      {stats.map(([k, v]) => (
        <div key={k} className="rounded-md border border-slate-200 bg-white p-2">
          <dt className="text-xs uppercase tracking-wide text-slate-600">{k}</dt>
          <dd className="text-lg font-semibold">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Button({ children, tone = "primary", ...props }: { children: ReactNode; tone?: "primary" | "secondary" | "danger" } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const look = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[tone];
  return (
    <button type="submit" {...props} className={`rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${look} ${props.className ?? ""}`}>
      {children}
    </button>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const look =
    status === "CONFIRMED" || status === "SCHEDULED" || status === "ACTIVE" || status === "SENT" || status === "PROCESSED" || status === "captured"
      ? "bg-emerald-100 text-emerald-900"
      : status === "CANCELLED" || status === "FAILED" || status === "failed" || status === "ARCHIVED"
        ? "bg-slate-200 text-slate-800"
        : "bg-amber-100 text-amber-900";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold uppercase tracking-wide ${look}`}>{status.replaceAll("_", " ")}</span>;
}

/** A responsive table: scrolls sideways on a phone instead of squashing columns. */
export function DataTable({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const cell = "px-3 py-2 align-top";

export function BookingLink({ id }: { id: string }) {
  return (
    <Link to={`/admin/bookings/${id}`} className="font-mono text-brand-700 hover:underline">
      {id}
    </Link>
  );
}
