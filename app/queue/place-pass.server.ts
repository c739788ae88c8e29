import { z } from "zod";
import type { Services } from "#app/utils/context.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { base64url, fromBase64url, signValue, unsignValue } from "#app/utils/crypto.server";

/**
 * A fan's place, signed: once the room has given an account its place, that place never changes
 * (a draw happens once, admissions only set `admittedAt`), so the Worker can answer the fan's next
 * polls from this cookie and the room's shared summary without asking the room (ADR 026). The key
 * has a purpose string of its own, so no other signed value passes as a pass.
 */
export const PLACE_COOKIE = "marquee_place";
const MAX_PASS_CHARS = 512;
/** A pass outlives any on-sale; the room it names answers for it while the room is active. */
const PASS_MAX_AGE_SECONDS = 7 * 24 * 3600;

const payloadSchema = z
  .object({ u: z.string().min(1), s: z.string().min(1), q: z.number().int().positive().nullable(), a: z.number().int().nullable() })
  .strict();

/** `seq`: the fan's number (null while in the pre-queue); `admittedAt`: set once the room let them in. */
export type PlacePass = { userId: string; showtimeId: string; seq: number | null; admittedAt: number | null };

function key(s: Pick<Services, "config">): string {
  return `${s.config.SESSION_SECRET}:waiting-room-place`;
}

async function encode(s: Pick<Services, "config">, pass: PlacePass): Promise<string> {
  const payload = { u: pass.userId, s: pass.showtimeId, q: pass.seq, a: pass.admittedAt };
  return signValue(key(s), base64url(new TextEncoder().encode(JSON.stringify(payload))));
}

/** This account's pass for this show, or null (none, another account's or show's, changed, or not one). */
export async function readPlacePass(s: Pick<Services, "config">, request: Request, expected: { userId: string; showtimeId: string }): Promise<PlacePass | null> {
  const token = readCookie(request, PLACE_COOKIE);
  if (!token || token.length > MAX_PASS_CHARS || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return null;
  const value = await unsignValue(key(s), token);
  const bytes = value === null ? null : fromBase64url(value);
  if (!bytes) return null;
  let parsed: z.infer<typeof payloadSchema> | null = null;
  try {
    const result = payloadSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    parsed = result.success ? result.data : null;
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.u !== expected.userId || parsed.s !== expected.showtimeId) return null;
  return { userId: parsed.u, showtimeId: parsed.s, seq: parsed.q, admittedAt: parsed.a };
}

export async function placePassCookie(s: Pick<Services, "config" | "secureCookies">, pass: PlacePass): Promise<string> {
  return serializeCookie(PLACE_COOKIE, await encode(s, pass), { secure: s.secureCookies, maxAgeSeconds: PASS_MAX_AGE_SECONDS });
}
