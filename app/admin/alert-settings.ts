import { z } from "zod";

/** The admin's alert thresholds form (`/admin/live`), one schema for the page and the action. */
const number = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).min(min, message).max(max, message);

export const alertSettingsSchema = z.object({
  paymentFailurePercent: number(1, 100, "A share from 1 to 100 %."),
  paymentMinAttempts: z.coerce.number().int("Whole payments.").min(1, "At least 1 payment.").max(100_000, "At most 100,000."),
  webhookLagP95Seconds: number(1, 3600, "From 1 to 3,600 seconds."),
  admitOverSellRatio: number(1, 1000, "From 1 to 1,000 fans per seat sold."),
  deadLetters: z.literal("on").optional().transform((v) => v === "on"),
  overloads: z.literal("on").optional().transform((v) => v === "on"),
  onCallEmails: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.email("Each on-call address must be an email address.")).max(20, "At most 20 addresses.")),
  webhookUrl: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.url({ protocol: /^https?$/, error: "A webhook URL (https://…)." }).nullable()),
});
