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
/** One cookie per show (a fan may wait in two rooms at once); ids are `[A-Za-z0-9_-]`, safe in a cookie name. */
export const PLACE_COOKIE_PREFIX = "marquee_place_";
export function placeCookieName(showtimeId: string): string {
  return `${PLACE_COOKIE_PREFIX}${showtimeId}`;
}
const MAX_PASS_CHARS = 512;
/** An on-sale's queue lasts hours; the room it names answers for it while the room is active. */
const PASS_MAX_AGE_SECONDS = 24 * 3600;

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
  const token = readCookie(request, placeCookieName(expected.showtimeId));
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
  return serializeCookie(placeCookieName(pass.showtimeId), await encode(s, pass), { secure: s.secureCookies, maxAgeSeconds: PASS_MAX_AGE_SECONDS });
}

/** Logging out clears the places this browser carries (they name an account and its number). */
export function clearedPlaceCookies(request: Request, s: Pick<Services, "secureCookies">): string[] {
  const names = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((part) => part.split("=")[0]!.trim())
    .filter((name) => name.startsWith(PLACE_COOKIE_PREFIX));
  return names.map((name) => serializeCookie(name, "", { secure: s.secureCookies, maxAgeSeconds: 0 }));
}
