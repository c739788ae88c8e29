import { z } from "zod";
import type { Services } from "#app/utils/context.server";
import { cookieNames, readCookie, serializeCookie } from "#app/utils/cookies.server";
import { readSignedJson, signJson } from "#app/utils/signed-json.server";

/**
 * A fan's place, signed: once the room has given an account its place, that place never changes
 * (a draw happens once, admissions only set `admittedAt`), so the Worker can answer the fan's next
 * polls from this cookie and the room's shared summary without asking the room (ADR 026). The
 * "place-pass" key is its own (app/utils/keys.server.ts), so no other signed value passes as a pass. One cookie per show
 * (a fan may wait in two rooms at once); ids are `[A-Za-z0-9_-]`, safe in a cookie name.
 */
export const PLACE_COOKIE_PREFIX = "marquee_place_";
export function placeCookieName(showtimeId: string): string {
  return `${PLACE_COOKIE_PREFIX}${showtimeId}`;
}
/** An on-sale's queue lasts hours; the room it names answers for it while the room is active. */
const PASS_MAX_AGE_SECONDS = 24 * 3600;

const payloadSchema = z
  .object({ u: z.string().min(1), s: z.string().min(1), q: z.number().int().positive().nullable(), a: z.number().int().nullable() })
  .strict();

/** `seq`: the fan's number (null while in the pre-queue); `admittedAt`: set once the room let them in. */
export type PlacePass = { userId: string; showtimeId: string; seq: number | null; admittedAt: number | null };

/** This account's pass for this show, or null (none, another account's or show's, changed, or not one). */
export async function readPlacePass(s: Pick<Services, "config">, request: Request, expected: { userId: string; showtimeId: string }): Promise<PlacePass | null> {
  const token = readCookie(request, placeCookieName(expected.showtimeId));
  const read = token ? await readSignedJson(s.config, "place-pass", token, payloadSchema) : null;
  if (!read?.ok || read.value.u !== expected.userId || read.value.s !== expected.showtimeId) return null;
  return { userId: read.value.u, showtimeId: read.value.s, seq: read.value.q, admittedAt: read.value.a };
}

export async function placePassCookie(s: Pick<Services, "config" | "secureCookies">, pass: PlacePass): Promise<string> {
  const payload: z.infer<typeof payloadSchema> = { u: pass.userId, s: pass.showtimeId, q: pass.seq, a: pass.admittedAt };
  return serializeCookie(placeCookieName(pass.showtimeId), await signJson(s.config, "place-pass", payload), { secure: s.secureCookies, maxAgeSeconds: PASS_MAX_AGE_SECONDS });
}

/** Logging out clears the places this browser carries (they name an account and its number). */
export function clearedPlaceCookies(request: Request, s: Pick<Services, "secureCookies">): string[] {
  return cookieNames(request)
    .filter((name) => name.startsWith(PLACE_COOKIE_PREFIX))
    .map((name) => serializeCookie(name, "", { secure: s.secureCookies, maxAgeSeconds: 0 }));
}
