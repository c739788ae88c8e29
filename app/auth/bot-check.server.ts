import { z } from "zod";
import type { Services } from "#app/utils/context.server";
import { ConfigError } from "#app/utils/env.server";
import { signValue, unsignValue } from "#app/utils/keys.server";
import { clientIp } from "#app/utils/rate-limit.server";

/**
 * The bot check: Cloudflare Turnstile when TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are set;
 * offline (development and test only) a local stand-in. Both go through `siteverify()` with the
 * same request and answer shape, so only the verifier differs. Production without keys refuses
 * to run the check rather than letting everyone through.
 */
export const BOT_FIELD = "cf-turnstile-response";
/** The JSON API sends the token in this header. */
export const BOT_HEADER = "CF-Turnstile-Response";
export const TURNSTILE_SCRIPT_URL = "https://challenges.cloudflare.com/turnstile/v0/api.js";
const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

export type BotCheckConfig = { mode: "turnstile"; siteKey: string } | { mode: "local"; siteKey: "local" };

const siteverifyAnswer = z.object({ success: z.boolean(), "error-codes": z.array(z.string()).optional() });
type SiteverifyAnswer = z.infer<typeof siteverifyAnswer>;

export function botCheckConfig(s: Pick<Services, "config">): BotCheckConfig {
  const { TURNSTILE_SITE_KEY, TURNSTILE_SECRET_KEY, APP_ENV } = s.config;
  if (TURNSTILE_SITE_KEY && TURNSTILE_SECRET_KEY) return { mode: "turnstile", siteKey: TURNSTILE_SITE_KEY };
  if (TURNSTILE_SITE_KEY || TURNSTILE_SECRET_KEY) throw new ConfigError("Set both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY, or neither (local stand-in).");
  if (APP_ENV === "production") throw new ConfigError("Turnstile keys are missing: set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY.");
  return { mode: "local", siteKey: "local" };
}

/** What the local widget puts in the form: a pass only this app could have signed. */
export async function localPassToken(s: Pick<Services, "config">): Promise<string> {
  return signValue(s.config, "bot-pass", `pass-${s.config.APP_ENV}`);
}

/** The local stand-in's siteverify: same inputs and answer as Cloudflare's. "fail" (or anything unsigned) fails. */
export async function localSiteverify(s: Pick<Services, "config">, body: URLSearchParams): Promise<SiteverifyAnswer> {
  const response = body.get("response") ?? "";
  if (!response) return { success: false, "error-codes": ["missing-input-response"] };
  const ok = response.length < 512 && (await unsignValue(s.config, "bot-pass", response)) !== null;
  return ok ? { success: true } : { success: false, "error-codes": ["invalid-input-response"] };
}

async function siteverify(s: Pick<Services, "config">, config: BotCheckConfig, body: URLSearchParams): Promise<SiteverifyAnswer> {
  if (config.mode === "local") return localSiteverify(s, body);
  body.set("secret", s.config.TURNSTILE_SECRET_KEY);
  try {
    const res = await fetch(SITEVERIFY_URL, { method: "POST", body });
    const parsed = siteverifyAnswer.safeParse(await res.json());
    return parsed.success ? parsed.data : { success: false, "error-codes": ["bad-answer"] };
  } catch {
    return { success: false, "error-codes": ["unreachable"] };
  }
}

/** `retry`: a token came and failed (the fan did the check), rather than none at all. */
export type BotVerdict = { ok: true } | { ok: false; message: string; retry: boolean };

/** Checks the token a form (BOT_FIELD) or API call (BOT_HEADER) carries. Changes nothing. */
export async function checkHuman(s: Pick<Services, "config">, request: Request, token: string | null): Promise<BotVerdict> {
  const config = botCheckConfig(s);
  const body = new URLSearchParams({ response: token ?? "", remoteip: clientIp(request) });
  const answer = await siteverify(s, config, body);
  if (answer.success) return { ok: true };
  return {
    ok: false,
    retry: Boolean(token),
    message: token ? "We couldn't confirm you're not a bot. Please complete the check again." : "Please complete the \"I'm not a robot\" check.",
  };
}

/** The widget's props, for a loader to hand to <BotCheck>. */
export async function botCheckWidget(s: Pick<Services, "config">) {
  const config = botCheckConfig(s);
  return config.mode === "turnstile"
    ? { mode: "turnstile" as const, siteKey: config.siteKey, script: TURNSTILE_SCRIPT_URL }
    : { mode: "local" as const, token: await localPassToken(s) };
}

/** A form field as text, or null (a file or nothing). */
export function formText(form: FormData, name: string): string | null {
  const v = form.get(name);
  return typeof v === "string" ? v : null;
}
