import { z } from "zod";

/**
 * The filters on "now showing" and on a movie's showtimes. They live in the URL (shareable, no-JS
 * forms); an unknown value is a 400 with a message, an empty one means "any".
 */

export const TIMES_OF_DAY = [
  { key: "morning", label: "Morning (before 12 pm)", from: 0, to: 12 * 60 },
  { key: "afternoon", label: "Afternoon (12–4 pm)", from: 12 * 60, to: 16 * 60 },
  { key: "evening", label: "Evening (4–8 pm)", from: 16 * 60, to: 20 * 60 },
  { key: "night", label: "Night (after 8 pm)", from: 20 * 60, to: 24 * 60 },
] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number]["key"];

/** Price bands in paise: a show matches when some seat category's price falls inside. */
export const PRICE_BANDS = [
  { key: "under-200", label: "Under ₹200", min: 0, max: 19_999 },
  { key: "200-350", label: "₹200–₹350", min: 20_000, max: 35_000 },
  { key: "over-350", label: "Over ₹350", min: 35_001, max: Number.MAX_SAFE_INTEGER },
] as const;
export type PriceBand = (typeof PRICE_BANDS)[number]["key"];

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const label = z.string().trim().max(30).regex(/^[\p{L}\p{N} +\-.]+$/u);

export const filterSchema = z.object({
  lang: optional(label),
  genre: optional(label),
  // Formats are the operator's list (admin options), so any label may name one; an unknown one matches nothing.
  format: optional(label),
  time: optional(z.enum(TIMES_OF_DAY.map((t) => t.key) as [TimeOfDay, ...TimeOfDay[]])),
  price: optional(z.enum(PRICE_BANDS.map((p) => p.key) as [PriceBand, ...PriceBand[]])),
});
export type CatalogueFilters = z.infer<typeof filterSchema>;
export const FILTER_KEYS = ["lang", "genre", "format", "time", "price"] as const;

/** `formats`: the operator's list of showtime formats; a format filter must name one of them. */
export function parseFilters(params: URLSearchParams, formats: readonly string[]): { ok: true; filters: CatalogueFilters } | { ok: false; message: string } {
  const raw = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k)]));
  const parsed = filterSchema.safeParse(raw);
  if (parsed.success) {
    const format = parsed.data.format;
    if (format && !formats.some((f) => f.toLowerCase() === format.toLowerCase())) return { ok: false, message: "That format filter isn't one we know." };
    return { ok: true, filters: parsed.data };
  }
  const key = parsed.error.issues[0]?.path[0];
  return { ok: false, message: `That ${key === "lang" ? "language" : String(key ?? "filter")} filter isn't one we know.` };
}

export type FilterableShow = { language: string; format: string; minutesOfDay: number; prices: Record<string, number> };

export function showMatches(show: FilterableShow, f: CatalogueFilters): boolean {
  if (f.lang && show.language.toLowerCase() !== f.lang.toLowerCase()) return false;
  if (f.format && show.format !== f.format) return false;
  if (f.time) {
    const band = TIMES_OF_DAY.find((t) => t.key === f.time)!;
    if (show.minutesOfDay < band.from || show.minutesOfDay >= band.to) return false;
  }
  if (f.price) {
    const band = PRICE_BANDS.find((p) => p.key === f.price)!;
    if (!Object.values(show.prices).some((p) => p >= band.min && p <= band.max)) return false;
  }
  return true;
}

export function hasShowFilter(f: CatalogueFilters): boolean {
  return Boolean(f.lang || f.format || f.time || f.price);
}

/** The query string for a filter set (and extra keys such as city and date), for shareable links. */
export function filterQuery(f: CatalogueFilters, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  for (const k of FILTER_KEYS) if (f[k]) params.set(k, f[k]!);
  const s = params.toString();
  return s ? `?${s}` : "";
}
