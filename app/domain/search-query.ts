/**
 * Turns what a fan typed into an FTS5 MATCH expression that can only ever mean "all of these word
 * prefixes". Input never reaches FTS5's query syntax: every term is reduced to letters and digits
 * and wrapped in double quotes, so `"`, `*`, `NEAR(`, `-`, `:` and column filters are inert.
 */

export const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 6;

export type SearchQuery = { text: string; terms: string[]; match: string | null; truncated: boolean };

export function toSearchQuery(raw: string | null | undefined): SearchQuery {
  const collapsed = (raw ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
  const text = [...collapsed].slice(0, MAX_QUERY_CHARS).join("");
  const words = text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = [...new Set(words)].slice(0, MAX_TERMS);
  return {
    text,
    terms,
    match: terms.length ? terms.map((t) => `"${t}"*`).join(" ") : null,
    truncated: text.length < collapsed.length || new Set(words).size > MAX_TERMS,
  };
}
