// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; declare them here.
declare namespace Cloudflare {
  interface Env {
    SESSION_SECRET: string;
    RAZORPAY_KEY_ID?: string;
    RAZORPAY_KEY_SECRET?: string;
    RAZORPAY_WEBHOOK_SECRET?: string;
    /** "on" turns on the local Razorpay sandbox (only without keys, never with APP_ENV=production). */
    RAZORPAY_SANDBOX?: string;
    RESEND_API_KEY?: string;
    /** Cloudflare Turnstile (bot check); without both, the local stand-in outside production. */
    TURNSTILE_SITE_KEY?: string;
    TURNSTILE_SECRET_KEY?: string;
  }
}
