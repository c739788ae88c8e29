// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; declare them here.
declare namespace Cloudflare {
  interface Env {
    SESSION_SECRET: string;
    /** The session secret before the last rotation: what it signed still verifies (docs/runbook.md, "Rotate a secret"). */
    SESSION_SECRET_PREVIOUS?: string;
    /** Door tickets' and share links' own secret; unset: they sign with SESSION_SECRET. */
    TICKET_SECRET?: string;
    /** The ticket secret before the last rotation. */
    TICKET_SECRET_PREVIOUS?: string;
    RAZORPAY_KEY_ID?: string;
    RAZORPAY_KEY_SECRET?: string;
    RAZORPAY_WEBHOOK_SECRET?: string;
    /** "on" turns on the local Razorpay sandbox (only without keys, never with APP_ENV=production). */
    RAZORPAY_SANDBOX?: string;
    RESEND_API_KEY?: string;
    /** Cloudflare Turnstile (bot check); without both, the local stand-in outside production. */
    TURNSTILE_SITE_KEY?: string;
    TURNSTILE_SECRET_KEY?: string;
    /** Reading Analytics Engine back for the control room (ADR 029): an API token with Account Analytics: Read, and the account. */
    CF_API_TOKEN?: string;
    CF_ACCOUNT_ID?: string;
    /** Where alert notifications are POSTed when the console sets no webhook (ADR 029). */
    ALERT_WEBHOOK_URL?: string;
    /** "analytics" | "local" | "off": overrides where observability events go (ADR 029). */
    EVENTS_STORE?: string;
  }
}
