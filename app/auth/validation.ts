import { z } from "zod";
import { nameField } from "#app/domain/names";
import { normalizePhone } from "#app/domain/phone";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "#app/domain/password-policy";

/** Shared by the forms and the actions, so the browser and the server agree on what is valid. */
export const emailSchema = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254));

/** A password being chosen (signup, reset, change): long enough and not one attackers try first. */
export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A password being typed to prove who you are: any length we would ever have accepted. */
const currentPasswordSchema = z.string({ error: "Password is required" }).min(1, "Password is required").max(PASSWORD_MAX_LENGTH);

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

export const signupSchema = z
  .object({
    name: nameField("Name", 80),
    email: emailSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem?.includes("email")) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
});

export const verifyEmailSchema = z.object({
  email: emailSchema,
  code: z
    .string({ error: "Enter the code from the email" })
    .transform((c) => c.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "The code is the 6 digits in the email")),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "This reset link is incomplete" }).min(10, "This reset link is incomplete").max(200),
    password: passwordSchema,
    confirm: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  })
  .refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ["confirm"], message: "The two passwords differ" });

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    password: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.password, { path: ["password"], message: "Choose a password different from the current one" });

export type SignupInput = z.infer<typeof signupSchema>;
export type LoginInput = z.infer<typeof loginSchema>;

export type FieldErrors = Partial<Record<string, string[]>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
