import { z } from "zod";
import { nameField } from "#app/domain/names";
import { normalizePhone } from "#app/domain/phone";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "#app/domain/password-policy";
import { createTranslator, type MessageId, type Translate } from "#app/i18n/format";
import { en } from "#app/i18n/messages/en";

/**
 * Shared by the forms and the actions, so the browser and the server agree on what is valid.
 * Messages are catalogue ids, worded in the fan's language by `fieldErrors`.
 */
export const emailSchema = z
  .string({ error: "form.emailRequired" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "form.emailInvalid" }).max(254));

const NAME_MAX_LENGTH = 80;

/** A password being chosen (signup, reset, change): long enough and not one attackers try first. */
export const passwordSchema = z
  .string({ error: "form.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, "form.passwordShort")
  .max(PASSWORD_MAX_LENGTH, "form.passwordLong")
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A password being typed to prove who you are: any length we would ever have accepted. */
const currentPasswordSchema = z.string({ error: "form.passwordRequired" }).min(1, "form.passwordRequired").max(PASSWORD_MAX_LENGTH);

/** Optional: empty means none; anything else must be a phone number, stored normalised. */
export const phoneSchema = z
  .string()
  .max(32, "form.phoneInvalid")
  .optional()
  .transform((raw, ctx) => {
    if (!raw?.trim()) return undefined;
    const phone = normalizePhone(raw);
    if (!phone) ctx.addIssue({ code: "custom", message: "form.phoneInvalid" });
    return phone ?? undefined;
  });

export const signupSchema = z
  .object({
    name: nameField("Name", NAME_MAX_LENGTH, { required: "form.nameRequired", long: "form.nameLong", forbidden: "form.nameForbidden" }),
    email: emailSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, v.email);
    if (problem === "form.passwordHasEmail") ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const loginSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
});

export const verifyEmailSchema = z.object({
  email: emailSchema,
  code: z
    .string({ error: "form.codeRequired" })
    .transform((c) => c.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "form.codeDigits")),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "form.resetIncomplete" }).min(10, "form.resetIncomplete").max(200),
    password: passwordSchema,
    confirm: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  })
  .refine((v) => v.confirm === undefined || v.confirm === v.password, { path: ["confirm"], message: "form.passwordsDiffer" });

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    password: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.password, { path: ["password"], message: "form.passwordSame" });

export type SignupInput = z.infer<typeof signupSchema>;
export type LoginInput = z.infer<typeof loginSchema>;

export type FieldErrors = Partial<Record<string, string[]>>;

const ENGLISH = createTranslator("en", en);
const LIMITS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, nameMax: NAME_MAX_LENGTH };
const isMessageId = (message: string): message is MessageId => Object.hasOwn(en, message);

/** Each field's problems in the fan's language (`t`); the operator console's own schemas speak English already. */
export function fieldErrors(error: z.ZodError, t: Translate = ENGLISH): FieldErrors {
  return z.flattenError(error, (issue) => (isMessageId(issue.message) ? t(issue.message, LIMITS) : issue.message)).fieldErrors as FieldErrors;
}
