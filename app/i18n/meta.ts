import type { MetaArgs } from "react-router";
import { createTranslator, type CompiledMessages, type MessageId } from "./format";
import { isLocale } from "./locales";

/**
 * A page title from the root loader's catalogue, for routes whose loader has nothing else to say
 * (a `meta` function cannot use hooks). Falls back to the brand when the root data is missing.
 */
export function rootTitle(matches: MetaArgs["matches"], id: MessageId): string {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown; messages?: CompiledMessages } | undefined;
  if (!root?.messages || !isLocale(root.locale)) return "Marquee";
  return createTranslator(root.locale, root.messages)(id);
}
