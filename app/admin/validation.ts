import { z } from "zod";
import { SHOWTIME_OPTION_KINDS, USER_ROLES } from "#app/domain/enums";
import { parseCredits } from "#app/domain/credits";
import { parseTrailerUrl } from "#app/domain/trailer";
import { hasForbiddenNameCharacters, multilineTextField, nameField } from "#app/domain/names";
import { isCalendarDate } from "#app/domain/time";

/** The operator console's form schemas, shared by the forms and the actions. */

const CERTIFICATES = ["U", "UA", "UA13+", "UA16+", "A"] as const;

const text = nameField;

/** "Hindi, English" → ["Hindi", "English"]: a comma list is the no-JS way to enter several values. */
const commaList = (label: string) =>
  z
    .string({ error: `${label} are required` })
    .transform((v) => [...new Set(v.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(nameField(`Each of the ${label.toLowerCase()}`, 30)).min(1, `Give at least one of the ${label.toLowerCase()}`).max(8, `At most 8 ${label.toLowerCase()}`));

const dateKey = z.string({ error: "Date is required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-11-25").refine(isCalendarDate, "That date doesn't exist");

/** Cast/crew lines, trailer link and rating: optional on the form, stored in their canonical shape. */
function movieDetailsShape() {
  return {
    credits: z
      .string()
      .max(5000, "Cast and crew is too long")
      .default("")
      .transform((v, ctx) => {
        const parsed = parseCredits(v);
        if (parsed.ok) return parsed.credits;
        for (const message of parsed.errors) ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }),
    trailerUrl: z
      .string()
      .trim()
      .max(300, "That link is too long")
      .default("")
      .transform((v, ctx) => {
        if (!v) return null;
        const trailer = parseTrailerUrl(v);
        if (trailer) return trailer.watchUrl;
        ctx.addIssue({ code: "custom", message: "Use a YouTube or Vimeo link, like https://www.youtube.com/watch?v=…" });
        return z.NEVER;
      }),
    ratingTenths: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^(10(\.0)?|\d(\.\d)?)$/.test(v), "Ratings look like 8.4 (0 to 10), or leave it empty")
      .transform((v) => (v === "" ? null : Math.round(Number(v) * 10))),
  };
}

/** A name in another language: optional, the same rules as the English one when given. */
const otherLanguageName = (label: string, max: number) => z.union([z.literal(""), text(label, max)]).default("");

export const movieSchema = z.object({
  title: text("Title", 120),
  titleHi: otherLanguageName("Hindi title", 120),
  titleKn: otherLanguageName("Kannada title", 120),
  synopsis: multilineTextField("Synopsis", 2000),
  runtimeMinutes: z.coerce.number({ error: "Runtime is required" }).int("Runtime is whole minutes").min(1, "Runtime must be at least 1 minute").max(600, "Runtime must be at most 600 minutes"),
  certificate: z.enum(CERTIFICATES, { error: "Choose a certificate" }),
  languages: commaList("Languages"),
  genres: commaList("Genres"),
  releaseDate: dateKey,
  posterHue: z.coerce.number().int().min(0, "Hue is 0–359").max(359, "Hue is 0–359"),
  ...movieDetailsShape(),
});
export const MOVIE_CERTIFICATES = CERTIFICATES;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}

export const cinemaSchema = z.object({
  name: text("Name", 80),
  address: text("Address", 200),
  cityId: z.string({ error: "Choose a city" }).min(1, "Choose a city").max(64),
  timeZone: z.string({ error: "Time zone is required" }).trim().refine(isTimeZone, "Use an IANA time zone such as Asia/Kolkata"),
});

/** What fans see about a cinema besides its name: phone, amenities (comma list), step-free access. */
export const cinemaDetailsSchema = z.object({
  phone: z
    .string()
    .trim()
    .max(30, "Phone is too long")
    .default("")
    .refine((v) => v === "" || /^\+?[\d ()-]{6,}$/.test(v), "Phone numbers look like +91 22 2202 1017")
    .transform((v) => v || null),
  amenities: z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(40, "Each amenity must be 40 characters or fewer")).max(12, "At most 12 amenities")),
  wheelchairAccess: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export const citySchema = z.object({
  name: text("City", 60),
  state: text("State", 60),
});

export const screenSchema = z.object({
  name: text("Screen name", 40),
  categoriesText: z.string({ error: "Categories are required" }).max(2000),
  rowsText: z.string({ error: "Rows are required" }).max(10_000),
});

export const newScreenSchema = z.object({
  name: text("Screen name", 40),
  rows: z.coerce.number().int().min(1, "At least 1 row").max(40, "At most 40 rows"),
  columns: z.coerce.number().int().min(1, "At least 1 seat per row").max(50, "At most 50 seats per row"),
});

/** Rupees as typed ("180" or "180.50") to integer paise. */
const rupeesToPaise = z
  .string({ error: "Price is required" })
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "Prices look like 180 or 180.50")
  .transform((v) => Math.round(Number(v) * 100));

export function showtimeSchema(categoryCodes: string[]) {
  return z.object({
    movieId: z.string({ error: "Choose a movie" }).min(1, "Choose a movie").max(64),
    date: dateKey,
    time: z.string({ error: "Time is required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Times look like 19:30"),
    // Membership of the operator's lists is checked by the action, which has the lists.
    format: text("Format", 30),
    language: text("Language", 30),
    prices: z.object(Object.fromEntries(categoryCodes.map((c) => [c, rupeesToPaise])) as Record<string, typeof rupeesToPaise>),
  });
}

/** Form fields named "price.CODE" become { prices: { CODE: "…" } } for showtimeSchema. */
export function showtimeFormInput(form: FormData, categoryCodes: string[]) {
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  return { ...fields, prices: Object.fromEntries(categoryCodes.map((c) => [c, form.get(`price.${c}`) ?? undefined])) };
}

export const seatListSchema = z
  .string()
  .transform((v) => [...new Set(v.toUpperCase().split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[A-Z]{1,2}[1-9][0-9]?$/, "Seat ids look like C7")).min(1, "Name at least one seat").max(100));

export const lookupSchema = z.object({ q: z.string().trim().max(254), also: z.string().trim().max(80).catch("") });

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "item"
  );
}

/** An admin's assignment of a role (and, for cinema staff, cinemas) to an existing account. */
export const staffAssignmentSchema = z
  .object({
    email: z.string({ error: "Email is required" }).trim().toLowerCase().email("Give the account's email address").max(200),
    role: z.enum(USER_ROLES, { error: "Choose a role" }),
    cinemaIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(100),
  })
  .refine((v) => v.role === "admin" || v.role === "customer" || v.cinemaIds.length > 0, { message: "Choose at least one cinema for this role", path: ["cinemaIds"] });

/** One entry of the operator's language or format list. */
export const showtimeOptionSchema = z.object({
  kind: z.enum(SHOWTIME_OPTION_KINDS, { error: "Choose languages or formats" }),
  value: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(30, "At most 30 characters").regex(/^[\p{L}\p{N}][\p{L}\p{N} +.-]*$/u, "Letters, digits, spaces, + . - only"),
});

/** Fans admitted per minute; blank: null (the room derives it from the seats left). */
export const admitRateField = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : Number(v)))
  .pipe(z.number().int("Whole fans per minute.").min(1, "At least 1 fan a minute.").max(100_000, "At most 100,000 a minute.").nullable());

export const ON_SALE_NAME_MAX = 60;
export const TICKETS_PER_ACCOUNT_MAX = 50;

/**
 * Marking a show high demand, or changing its room (ADR 015, 027). The on-sale fields are optional:
 * left out of the form (undefined) they keep what the room has; sent blank (null) they clear it.
 * Rooms sharing an on-sale name share one cap of tickets per account across their shows.
 */
export const waitingRoomOpenSchema = z.object({
  date: z
    .string({ error: "Pick a date." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Pick a date.")
    .refine(isCalendarDate, "Pick a real date."),
  time: z.string({ error: "Pick a time (HH:MM)." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Pick a time (HH:MM)."),
  rate: admitRateField,
  onSale: z
    .string({ error: "The on-sale name must be text." })
    .normalize("NFC")
    .trim()
    .max(ON_SALE_NAME_MAX, `The on-sale name is too long (at most ${ON_SALE_NAME_MAX} characters).`)
    .refine((v) => !hasForbiddenNameCharacters(v), "The on-sale name can't contain control characters or text-direction overrides.")
    .transform((v) => (v === "" ? null : v))
    .optional(),
  ticketsPerAccount: z
    .preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v) : v),
      z
        .number({ error: `Tickets per account is a whole number from 1 to ${TICKETS_PER_ACCOUNT_MAX}.` })
        .int(`Tickets per account is a whole number from 1 to ${TICKETS_PER_ACCOUNT_MAX}.`)
        .min(1, "At least 1 ticket per account (leave it blank for no cap).")
        .max(TICKETS_PER_ACCOUNT_MAX, `At most ${TICKETS_PER_ACCOUNT_MAX} tickets per account.`)
        .optional(),
    )
    .transform((v) => v ?? null)
    .optional(),
});
