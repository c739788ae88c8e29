/**
 * Search that forgives typos ("monsun expres", "lamplightr"): every word typed must be within a
 * small edit distance of a word in the film's title or credited names, or of the start of one (the
 * fan may still be typing). Pure, so the catalogue's search can run it over its few hundred films
 * when the exact search finds nothing.
 */

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const wordsOf = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** How many typos a word of this length may carry: none in a short word, where one edit makes another word. */
export function typoAllowance(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

/**
 * Optimal string alignment distance (insert, delete, substitute, swap two neighbours), or
 * `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The fewest typos separating `term` from `word`, or from `word`'s start; null past the allowance. */
function termCost(term: string, word: string): number | null {
  const max = typoAllowance(term.length);
  if (word.startsWith(term)) return 0;
  const whole = editDistance(term, word, max);
  const start = word.length > term.length ? editDistance(term, word.slice(0, term.length), max) : max + 1;
  const d = Math.min(whole, start);
  return d <= max ? d : null;
}

export type FuzzyDoc<T> = { item: T; title: string; names: string[] };
export type FuzzyHit<T> = { item: T; typos: number; titleHit: boolean; matchedName: string | null };

/**
 * The docs every term matches (title words first, then credited names), fewest typos first; title
 * matches before name matches at equal typos.
 */
export function fuzzyFind<T>(terms: string[], docs: FuzzyDoc<T>[], limit: number): FuzzyHit<T>[] {
  const ts = terms.map(fold).filter((t) => t.length > 0);
  if (!ts.length) return [];
  const hits: FuzzyHit<T>[] = [];
  for (const doc of docs) {
    const title = wordsOf(doc.title);
    const people = doc.names.map((n) => ({ name: n, words: wordsOf(n) }));
    let typos = 0;
    let titleHit = true;
    let matchedName: string | null = null;
    let ok = true;
    for (const t of ts) {
      const inTitle = best(title.map((w) => termCost(t, w)));
      let inName: number | null = null;
      let name: string | null = null;
      for (const p of people) {
        const c = best(p.words.map((w) => termCost(t, w)));
        if (c !== null && (inName === null || c < inName)) [inName, name] = [c, p.name];
      }
      if (inTitle !== null && (inName === null || inTitle <= inName)) typos += inTitle;
      else if (inName !== null) {
        typos += inName;
        titleHit = false;
        matchedName ??= name;
      } else {
        ok = false;
        break;
      }
    }
    if (ok) hits.push({ item: doc.item, typos, titleHit, matchedName: titleHit ? null : matchedName });
  }
  hits.sort((a, b) => a.typos - b.typos || Number(b.titleHit) - Number(a.titleHit));
  return hits.slice(0, limit);
}

function best(costs: (number | null)[]): number | null {
  let m: number | null = null;
  for (const c of costs) if (c !== null && (m === null || c < m)) m = c;
  return m;
}
