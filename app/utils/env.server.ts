import { z } from "zod";

const intFromString = (fallback: number) =>
  z.coerce.number().int().nonnegative().catch(fallback);

const positiveIntFromString = (fallback: number) =>
  z.coerce.number().int().positive().catch(fallback);

/** A secret that may be unset (an empty string counts as unset); when set, as long as SESSION_SECRET. */
const optionalSecret = (name: string) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, `${name} must be at least 32 characters`).optional());

/** Every setting the app reads, parsed here once per env object (the Worker, the seat object and cron alike). */
const configSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).catch("production"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  /** The session secret before the last rotation: values it signed still verify (app/utils/keys.server.ts). */
  SESSION_SECRET_PREVIOUS: optionalSecret("SESSION_SECRET_PREVIOUS"),
  /** Door tickets' and share links' own secret; unset: they sign with SESSION_SECRET, as before it existed. */
  TICKET_SECRET: optionalSecret("TICKET_SECRET"),
  /** The ticket secret before the last rotation. */
  TICKET_SECRET_PREVIOUS: optionalSecret("TICKET_SECRET_PREVIOUS"),
  HOLD_TTL_SECONDS: positiveIntFromString(600),
  MAX_SEATS_PER_USER: positiveIntFromString(10),
  /** Shows one account may hold seats on at the same time (ADR 027). */
  MAX_SHOWS_HELD_PER_USER: positiveIntFromString(3),
  /** The one extension a hold may get (when the payment page is open). */
  HOLD_EXTENSION_SECONDS: intFromString(300),
  /** No hold lives longer than this from the user's first hold, extension included. */
  HOLD_CEILING_SECONDS: intFromString(900),
  /** After a hold expires or is released, how long before the same user may hold seats on that showtime. */
  HOLD_COOLDOWN_SECONDS: intFromString(120),
  /** How long an admission from a waiting room stays valid for holding seats. */
  ADMISSION_TOKEN_TTL_SECONDS: positiveIntFromString(900),
  /** Holds a minute one seat object serves at its uncrowded p99 (bench/): the ceiling of a derived admission rate. */
  QUEUE_SEAT_CAPACITY_PER_MINUTE: positiveIntFromString(600),
  /** How long an isolate answers fans' polls from its copy of the room's summary (ADR 026); 0: ask the room each time. */
  QUEUE_STATUS_MAX_AGE_MS: intFromString(1000),
  SEAT_MAP_MAX_AGE_MS: intFromString(1000),
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
  /** The door admits a ticket from this many minutes before the show… */
  CHECK_IN_OPENS_MINUTES_BEFORE: intFromString(60),
  /** …until this many minutes after the film ends (start + runtime). */
  CHECK_IN_CLOSES_MINUTES_AFTER_END: intFromString(0),
  /** Razorpay: all three secrets, or none (then the local sandbox, only with RAZORPAY_SANDBOX=on outside production). */
  RAZORPAY_KEY_ID: z.string().trim().catch(""),
  RAZORPAY_KEY_SECRET: z.string().trim().catch(""),
  RAZORPAY_WEBHOOK_SECRET: z.string().trim().catch(""),
  RAZORPAY_SANDBOX: z.string().catch(""),
  /** Cloudflare Turnstile: both, or neither (then the local stand-in, never in production). */
  TURNSTILE_SITE_KEY: z.string().trim().catch(""),
  TURNSTILE_SECRET_KEY: z.string().trim().catch(""),
  /** How long catalogue reads stay in the edge cache (0 turns it off); edits purge by version. */
  CATALOGUE_CACHE_SECONDS: intFromString(60),
  /** How long past a hold's expiry reconciliation waits for a callback or webhook before it asks Razorpay. */
  RECONCILE_GRACE_SECONDS: intFromString(300),
  /** Chaos runs only: fault kinds and rates, honoured only with the local sandbox and mailbox (app/utils/chaos.server.ts). */
  CHAOS: z.string().catch(""),
  /** The provider's rate limit in requests a second (a batch of up to 100 is one); the consumer paces at 90 % of it; 0: unpaced. */
  EMAIL_SEND_PER_SECOND: z.coerce.number().nonnegative().catch(2),
  /**
   * The email consumer's `max_concurrency` in wrangler.toml: each invocation paces itself at
   * EMAIL_SEND_PER_SECOND / this, so together they stay within the provider's rate.
   */
  EMAIL_CONSUMER_CONCURRENCY: positiveIntFromString(1),
  /** "on": emails without attachments go through the provider's batch endpoint, up to 100 a request. */
  EMAIL_BATCH: z.string().transform((v) => v !== "off").catch(true),
  /** The local mailbox's own rate limit in requests a second, like Resend's 429 (0: none). */
  MAILBOX_RATE_PER_SECOND: z.coerce.number().nonnegative().catch(0),
  /** Where observability events go: "analytics" (Workers Analytics Engine), "local" (D1 obs_events), "off". Default: analytics in production, local elsewhere. */
  EVENTS_STORE: z.enum(["analytics", "local", "off"]).optional().catch(undefined),
  /** Alert notifications: where a breach is posted (JSON), besides the on-call emails set in the console. */
  ALERT_WEBHOOK_URL: z.url().optional().catch(undefined),
  /** Reading Analytics Engine back (the control room in production): the account id and a secret API token with Account Analytics: Read. */
  CF_ACCOUNT_ID: z.string().trim().min(1).optional().catch(undefined),
  CF_API_TOKEN: z.string().trim().min(1).optional().catch(undefined),
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
