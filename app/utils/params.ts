import { userError } from "./http.server";
import { z } from "zod";
import { isCalendarDate } from "#app/domain/time";

/** Route parameters are input too: malformed ones get a 400, unknown ones a 404 from the loader. */
const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const dateKeySchema = z.string().refine(isCalendarDate);

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, message: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) userError(400, message);
  return parsed.data;
}

export const slugParam = (value: string | undefined) => parseOr400(slugSchema, value, "That address isn't valid.");
export const idParam = (value: string | undefined) => parseOr400(idSchema, value, "That id isn't valid.");

/** An optional ?date=YYYY-MM-DD; null when absent, 400 when present but malformed. */
export function dateQuery(url: URL): string | null {
  const raw = url.searchParams.get("date");
  return raw === null ? null : parseOr400(dateKeySchema, raw, "Dates look like 2026-11-25, and must be real days.");
}

export function citySlugQuery(url: URL): string | null {
  const raw = url.searchParams.get("city");
  return raw === null || raw === "" ? null : parseOr400(slugSchema, raw, "That city isn't valid.");
}
