import { getConfig, type AppConfig } from "./env.server";
import { log } from "#app/observability/log.server";

/**
 * Fault switches for chaos runs (`npm run chaos`, ADR 028). One setting, `CHAOS`, lists each fault
 * kind with the share of calls it hits, e.g. `CHAOS="gateway_5xx=0.05,webhook_drop=0.1,d1_error=0.01"`.
 * It is honoured only where the local Razorpay sandbox and the local mailbox run (no provider keys,
 * APP_ENV development or test, RAZORPAY_SANDBOX=on): the faults live in those stand-ins and in a
 * dev-only D1 wrapper, so nothing here can touch a real payment, email or database. Anywhere else the
 * setting is refused: logged once as a configuration error and ignored.
 *
 * Each injected fault is logged as one `[chaos] <kind> <detail>` line; the chaos runner counts them
 * from the server's output (a SIGKILL would lose any counter kept in the Worker).
 */
export const FAULT_KINDS = [
  /** The gateway stand-in answers 5xx to an order, fetch, capture or refund call, doing nothing. */
  "gateway_5xx",
  /** The call hangs and the client gives up; half of them after the gateway did the work (the answer is lost). */
  "gateway_timeout",
  /** The call is answered, slowly. */
  "gateway_slow",
  /** A webhook is held back and delivered by a later retry. */
  "webhook_delay",
  /** A webhook is delivered twice (the same event id). */
  "webhook_duplicate",
  /** A batch of due webhooks is delivered last-first. */
  "webhook_reorder",
  /** A webhook is never delivered (the gateway believes it was). */
  "webhook_drop",
  /** The email stand-in answers 500/502/503. */
  "email_5xx",
  /** The email stand-in answers 429 with Retry-After. */
  "email_429",
  /** A D1 statement or batch fails before it runs, as a dropped connection would. */
  "d1_error",
  /** The sandbox checkout pays but the fan's tab closes before the callback is posted. */
  "callback_skip",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

/** Parses `kind=rate,kind=rate`; unknown kinds and rates outside 0..1 are configuration errors. */
export function parseFaultRates(spec: string): FaultRates {
  const rates: FaultRates = {};
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [kind, value] = part.split("=").map((s) => s.trim());
    const rate = Number(value);
    if (!(FAULT_KINDS as readonly string[]).includes(kind ?? "")) throw new Error(`CHAOS: unknown fault kind "${kind}"`);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`CHAOS: rate for ${kind} must be between 0 and 1`);
    rates[kind as FaultKind] = rate;
  }
  return rates;
}

/** The stand-ins run (and so may misbehave) only with no provider keys, outside production, sandbox on. */
export function chaosAllowed(config: AppConfig): boolean {
  const providerKey = config.RAZORPAY_KEY_ID !== "" || config.RAZORPAY_KEY_SECRET !== "" || config.RAZORPAY_WEBHOOK_SECRET !== "" || config.RESEND_API_KEY !== undefined;
  return config.APP_ENV !== "production" && !providerKey && config.RAZORPAY_SANDBOX === "on";
}

export type Chaos = {
  rates: FaultRates;
  /** True (and logged) when this call should suffer `kind`. */
  roll(kind: FaultKind, detail?: string): boolean;
};

const cache = new WeakMap<object, Chaos | null>();
let refusedLogged = false;

/** The run's fault switches, or null when none are set or they are refused here. */
export function chaosOf(env: Env): Chaos | null {
  if (cache.has(env)) return cache.get(env) ?? null;
  let config: AppConfig;
  try {
    config = getConfig(env);
  } catch {
    // A broken configuration is reported by whatever needs it; it switches no faults on.
    cache.set(env, null);
    return null;
  }
  let chaos: Chaos | null = null;
  try {
    if (config.CHAOS.trim() !== "") {
      if (!chaosAllowed(config)) {
        if (!refusedLogged) log.error("chaos.refused", { outcome: "refused", reason: "CHAOS is set but refused: fault switches run only with the local sandbox and mailbox, never in production." });
        refusedLogged = true;
      } else {
        const rates = parseFaultRates(config.CHAOS);
        chaos = {
          rates,
          roll(kind, detail = "") {
            const rate = rates[kind] ?? 0;
            if (rate <= 0 || Math.random() >= rate) return false;
            noteFault(kind, detail);
            return true;
          },
        };
      }
    }
  } catch (error) {
    log.error("chaos.setting_refused", { outcome: "refused", reason: `CHAOS setting refused: ${error instanceof Error ? error.message : String(error)}` });
    chaos = null;
  }
  cache.set(env, chaos);
  return chaos;
}

export function noteFault(kind: FaultKind, detail = ""): void {
  // tests/chaos/run.mjs counts faults by these lines.
  log.info("chaos.fault", { kind, detail: detail || undefined });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
