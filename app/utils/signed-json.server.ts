import type { z } from "zod";
import { base64url, fromBase64url } from "./crypto.server";
import { signValue, unsignValue, type KeyConfig, type KeyPurpose } from "./keys.server";

/**
 * Small signed JSON values for cookies and headers ("payload.signature", the payload base64url
 * JSON): the admission token and the queue's place pass. Each kind has a key purpose of its own
 * (app/utils/keys.server.ts), so no signed value of one kind passes as another.
 */
export async function signJson(keys: KeyConfig, purpose: KeyPurpose, payload: unknown): Promise<string> {
  return signValue(keys, purpose, base64url(new TextEncoder().encode(JSON.stringify(payload))));
}

export type SignedJsonReading<T> = { ok: true; value: T } | { ok: false; reason: "malformed" | "forged" };

/** `malformed`: not of the shape (too long, not base64url, not the schema); `forged`: the signature fails. */
export async function readSignedJson<T>(keys: KeyConfig, purpose: KeyPurpose, token: string, schema: z.ZodType<T>, maxChars = 512): Promise<SignedJsonReading<T>> {
  if (token.length > maxChars || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: "malformed" };
  const value = await unsignValue(keys, purpose, token);
  if (value === null) return { ok: false, reason: "forged" };
  const bytes = fromBase64url(value);
  try {
    const parsed = schema.safeParse(bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: "malformed" };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
