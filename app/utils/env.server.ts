import { z } from "zod";

const intFromString = (fallback: number) =>
  z.coerce.number().int().nonnegative().catch(fallback);

const positiveIntFromString = (fallback: number) =>
  z.coerce.number().int().positive().catch(fallback);

/** Every setting the app reads, parsed here once per env object (the Worker, the seat object and cron alike). */
const configSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).catch("production"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  HOLD_TTL_SECONDS: positiveIntFromString(600),
  MAX_SEATS_PER_USER: positiveIntFromString(10),
  CONVENIENCE_FEE_PAISE_PER_SEAT: intFromString(3000),
  CANCELLATION_CUTOFF_MINUTES: intFromString(120),
  /** Minutes a screen needs between one show's end and the next show's start. */
  CLEANING_BUFFER_MINUTES: intFromString(20),
  /** Unset: emails go to the local mailbox (/dev/mailbox), never in production. */
  RESEND_API_KEY: z.string().min(1).optional().catch(undefined),
  EMAIL_FROM: z.string().min(3).catch("Marquee <tickets@marquee.example>"),
  /** The app's public origin, for links in emails and for the local mailbox endpoint. */
  APP_ORIGIN: z.url().catch("http://localhost:8787"),
  REMINDER_HOURS_BEFORE: intFromString(3),
  /** Razorpay: all three secrets, or none (then the local sandbox, only with RAZORPAY_SANDBOX=on outside production). */
  RAZORPAY_KEY_ID: z.string().trim().catch(""),
  RAZORPAY_KEY_SECRET: z.string().trim().catch(""),
  RAZORPAY_WEBHOOK_SECRET: z.string().trim().catch(""),
  RAZORPAY_SANDBOX: z.string().catch(""),
  /** How long catalogue reads stay in the edge cache (0 turns it off); edits purge by version. */
  CATALOGUE_CACHE_SECONDS: intFromString(60),
});

export type AppConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {}

const cache = new WeakMap<object, AppConfig>();

/** Validates the Worker's vars and secrets once per env object, at the edge of the app. */
export function getConfig(env: Env): AppConfig {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid Worker configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  cache.set(env, parsed.data);
  return parsed.data;
}
