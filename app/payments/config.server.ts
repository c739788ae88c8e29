import { ConfigError, getConfig } from "#app/utils/env.server";
import { derivedSecretHex } from "#app/utils/keys.server";
import { devToolOpen } from "#app/utils/http.server";

/**
 * Which Razorpay the app talks to. The only differences between the real one and the local sandbox
 * are these URLs and keys: every other line of payment code is shared.
 */
export type PaymentConfig = {
  mode: "live" | "sandbox";
  keyId: string;
  keySecret: string;
  webhookSecret: string;
  apiBaseUrl: string;
  checkoutScriptUrl: string;
};

export const SANDBOX_KEY_ID = "rzp_test_sandbox";
export const SANDBOX_API_BASE_URL = "https://razorpay-sandbox.invalid/v1";
export const SANDBOX_CHECKOUT_PATH = "/dev/razorpay-sandbox/checkout.js";

const cache = new WeakMap<object, Promise<PaymentConfig>>();

/**
 * The sandbox needs three things at once: no Razorpay keys, an APP_ENV of development or test, and
 * RAZORPAY_SANDBOX="on", which lives only in .dev.vars (never deployed) and the test config.
 * A deploy that forgets its keys fails loudly instead of taking pretend payments.
 */
export function getPaymentConfig(env: Env): Promise<PaymentConfig> {
  let hit = cache.get(env);
  if (!hit) {
    hit = resolve(env);
    cache.set(env, hit);
    hit.catch(() => cache.delete(env));
  }
  return hit;
}

async function resolve(env: Env): Promise<PaymentConfig> {
  const vars = getConfig(env);
  const { APP_ENV } = vars;
  const keys = [vars.RAZORPAY_KEY_ID, vars.RAZORPAY_KEY_SECRET, vars.RAZORPAY_WEBHOOK_SECRET];
  const [keyId, keySecret, webhookSecret] = keys as [string, string, string];
  if (keys.every((k) => k !== "")) {
    return {
      mode: "live",
      keyId,
      keySecret,
      webhookSecret,
      apiBaseUrl: "https://api.razorpay.com/v1",
      checkoutScriptUrl: "https://checkout.razorpay.com/v1/checkout.js",
    };
  }
  if (keys.some((k) => k !== "")) {
    throw new ConfigError("Set all of RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET, or none of them (local sandbox).");
  }
  if (APP_ENV === "production" || vars.RAZORPAY_SANDBOX !== "on") {
    throw new ConfigError(
      "Razorpay keys are missing. Set RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET as secrets; the local sandbox only runs with APP_ENV=development/test and RAZORPAY_SANDBOX=on in .dev.vars.",
    );
  }
  // Keys of their own from the session secret: stable across restarts and isolates, different on every machine.
  return {
    mode: "sandbox",
    keyId: SANDBOX_KEY_ID,
    keySecret: await derivedSecretHex(vars, "razorpay-sandbox-key"),
    webhookSecret: await derivedSecretHex(vars, "razorpay-sandbox-webhook"),
    apiBaseUrl: SANDBOX_API_BASE_URL,
    checkoutScriptUrl: SANDBOX_CHECKOUT_PATH,
  };
}

/** True only where the sandbox may answer; its routes 404 everywhere else. */
export async function sandboxEnabled(env: Env): Promise<boolean> {
  try {
    return (await getPaymentConfig(env)).mode === "sandbox";
  } catch {
    return false;
  }
}

/** The sandbox's own routes: the shared dev-tool fence (loopback, no keys, not production), and the sandbox on. */
export async function sandboxRoutesOpen(request: Request, env: Env): Promise<boolean> {
  let config;
  try {
    config = getConfig(env);
  } catch {
    return false;
  }
  const keySet = config.RAZORPAY_KEY_ID !== "" || config.RAZORPAY_KEY_SECRET !== "" || config.RAZORPAY_WEBHOOK_SECRET !== "";
  return devToolOpen(request, config, keySet) && (await sandboxEnabled(env));
}
