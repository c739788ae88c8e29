import type { RateLimitOutcome } from "#app/utils/rate-limit.server";
import type { Translate } from "./format";

/** A limit's refusal as a page shows it, in the fan's language (the JSON API keeps `slot.message`). */
export function rateLimitMessage(t: Translate, slot: Extract<RateLimitOutcome, { ok: false }>): string {
  return t("limit.tooMany", { what: slot.name, seconds: slot.retryAfterSeconds });
}
