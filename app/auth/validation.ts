import { z } from "zod";
import { nameField } from "#app/domain/names";
import { normalizePhone } from "#app/domain/phone";

/** Shared by the forms and the actions, so the browser and the server agree on what is valid. */
export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254));

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

/** Optional: empty means none; anything else must be a phone number, stored normalised. */
export const phoneSchema = z
  .string()
  .max(32, "Enter a valid mobile number")
  .optional()
  .transform((raw, ctx) => {
    if (!raw?.trim()) return undefined;
    const phone = normalizePhone(raw);
    if (!phone) ctx.addIssue({ code: "custom", message: "Enter a valid mobile number, e.g. 98765 43210" });
    return phone ?? undefined;
  });

export const signupSchema = z.object({
  name: nameField("Name", 80),
  email: emailSchema,
  phone: phoneSchema,
  password: passwordSchema,
});

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(128),
});

export type SignupInput = z.infer<typeof signupSchema>;
export type LoginInput = z.infer<typeof loginSchema>;

export type FieldErrors = Partial<Record<string, string[]>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
