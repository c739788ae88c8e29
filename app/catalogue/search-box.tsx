import { useI18n } from "#app/i18n/context";
import { Form, useNavigate } from "react-router";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

type Suggestion = { slug: string; title: string; hint: string | null };

/**
 * The header search: a plain GET form to /search (works without JS), enhanced into an ARIA 1.2
 * combobox with list autocomplete: ↓/↑ move through suggestions, Enter opens the highlighted movie
 * (or searches), Escape closes the list and then clears the box.
 */
export function SearchBox() {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-list`;
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inflight = useRef<AbortController>();

  useEffect(() => () => clearTimeout(timer.current), []);

  function suggest(value: string) {
    setQuery(value);
    setActive(-1);
    clearTimeout(timer.current);
    if (!value.trim()) {
      inflight.current?.abort();
      setResults([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      inflight.current?.abort();
      const controller = new AbortController();
      inflight.current = controller;
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(value)}`, { signal: controller.signal });
        if (!res.ok) return;
        const body = (await res.json()) as { results: Suggestion[] };
        setResults(body.results);
        setOpen(true);
      } catch {
        // Aborted by a newer keystroke, or offline: the form still submits to /search.
      }
    }, 120);
  }

  function choose(s: Suggestion) {
    setOpen(false);
    setQuery(s.title);
    navigate(`/movies/${s.slug}`);
  }

  const expanded = open && query.trim() !== "";

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!results.length) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      const n = results.length;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : n - 1) : (a + step + n) % n));
    } else if (e.key === "Enter" && open && active >= 0 && results[active]) {
      e.preventDefault();
      choose(results[active]);
    } else if (e.key === "Escape") {
      // The first Escape only closes the list (a search input would otherwise clear itself).
      if (expanded) {
        e.preventDefault();
        setOpen(false);
      } else suggest("");
      setActive(-1);
    }
  }

  return (
    <Form method="get" action="/search" role="search" aria-label={t("search.label")} className="relative w-full max-w-sm" onSubmit={() => setOpen(false)}>
      <label htmlFor={id} className="sr-only">
        {t("search.srLabel")}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        maxLength={200}
        placeholder={t("search.placeholder")}
        value={query}
        onChange={(e) => suggest(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="w-full rounded-md border border-white/30 bg-white/10 px-3 py-1.5 text-sm text-white placeholder:text-slate-300 focus:bg-white focus:text-slate-900"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t("search.suggestions")}
        hidden={!expanded}
        className="absolute left-0 right-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-slate-200 bg-white text-slate-900 shadow-lg"
      >
        {results.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-slate-600">
            {t("search.none")}
          </li>
        ) : (
          results.map((r, i) => (
            <li
              key={r.slug}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(r)}
              className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-600 text-white" : "hover:bg-slate-100"}`}
            >
              <span className="block font-semibold">{r.title}</span>
              {r.hint && <span className="block text-xs opacity-80">{r.hint}</span>}
            </li>
          ))
        )}
      </ul>
    </Form>
  );
}
