import { useNavigation } from "react-router";
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useT } from "#app/i18n/context";

/**
 * Messages as paragraphs inside a plain container (a role="alert" list fails axe's listitem rule).
 * A field's own messages (with `id`, tied by aria-describedby) are announced by ErrorSummary; loose
 * ones announce themselves.
 */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role={id ? undefined : "alert"} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/** The id a Field gives its input, so a summary can link to it. */
export const fieldId = (name: string) => `field-${name}`;

/**
 * "There is a problem": every error in one announced box (role="alert" on a plain container, so the
 * list keeps its list semantics), each linking to its field. After a failed submit, focus moves to
 * the first invalid field of the form, or to the summary when only the form as a whole failed.
 */
export function ErrorSummary({ fieldErrors, formError, labels }: { fieldErrors?: Partial<Record<string, string[]>>; formError?: string | null; labels: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT();
  const items = Object.entries(fieldErrors ?? {}).flatMap(([name, messages]) => (messages ?? []).map((m) => ({ name, message: `${labels[name] ?? name}: ${m}` })));
  const count = items.length + (formError ? 1 : 0);
  useEffect(() => {
    if (!count) return;
    const invalid = ref.current?.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? ref.current)?.focus();
  }, [fieldErrors, formError, count]);
  if (!count) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} aria-labelledby="error-summary-title" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="error-summary">
      <h2 id="error-summary-title" className="font-semibold">
        {t("form.problems", { count })}
      </h2>
      <ul className="mt-1 list-disc pl-5">
        {formError && <li>{formError}</li>}
        {items.map((i) => (
          <li key={i.message}>
            <a href={`#${fieldId(i.name)}`} className="underline">
              {i.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  label,
  errors,
  inputProps,
}: {
  label: string;
  errors?: string[] | null;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { name: string };
}) {
  const id = inputProps.id ?? fieldId(inputProps.name);
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600"
        {...inputProps}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, className = "" }: { children: ReactNode; className?: string }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const t = useT();
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 ${className}`}
    >
      {pending ? t("form.wait") : children}
    </button>
  );
}
