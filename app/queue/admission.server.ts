import { z } from "zod";
import { describeRefusal } from "#app/domain/holds";
import { createTranslator, type Translate } from "#app/i18n/format";
import { en } from "#app/i18n/messages/en";
import type { Services } from "#app/utils/context.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { readSignedJson, signJson } from "#app/utils/signed-json.server";

/**
 * Admission tokens: "payload.signature", HMAC-SHA256 under the "admission" key (app/utils/keys.server.ts:
 * a purpose of its own, so no other signed value can pass as one). The payload binds the
 * account, the on-sale (showtime and its opening) and an expiry counted from the admission
 * itself, so fetching the token again never makes it last longer.
 */
export const ADMISSION_COOKIE = "marquee_admission";
export const ADMISSION_HEADER = "X-Admission-Token";
const MAX_TOKEN_CHARS = 512;

const payloadSchema = z.object({ u: z.string().min(1), s: z.string().min(1), o: z.number().int(), exp: z.number().int() }).strict();
type Payload = z.infer<typeof payloadSchema>;

export type AdmissionCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "forged" | "expired" | "foreign" };

export async function issueAdmission(s: Pick<Services, "config">, args: { userId: string; showtimeId: string; opensAt: number; admittedAt: number }): Promise<string> {
  const payload: Payload = { u: args.userId, s: args.showtimeId, o: args.opensAt, exp: args.admittedAt + s.config.ADMISSION_TOKEN_TTL_SECONDS * 1000 };
  return signJson(s.config, "admission", payload);
}

export type AdmissionReading = { ok: true; opensAt: number } | Exclude<AdmissionCheck, { ok: true }>;

/**
 * The opening a token admits its holder to, once its signature, account, showtime and expiry
 * check out. Which opening gates the show is the seat object's to judge (the hold path passes it on).
 */
export async function readAdmission(
  s: Pick<Services, "config" | "now">,
  token: string | null,
  expected: { userId: string; showtimeId: string },
): Promise<AdmissionReading> {
  if (!token) return { ok: false, reason: "missing" };
  const read = await readSignedJson(s.config, "admission", token, payloadSchema, MAX_TOKEN_CHARS);
  if (!read.ok) return read;
  const parsed = read.value;
  if (parsed.u !== expected.userId || parsed.s !== expected.showtimeId) return { ok: false, reason: "foreign" };
  if (parsed.exp <= s.now) return { ok: false, reason: "expired" };
  return { ok: true, opensAt: parsed.o };
}

export async function verifyAdmission(
  s: Pick<Services, "config" | "now">,
  token: string | null,
  expected: { userId: string; showtimeId: string; opensAt: number },
): Promise<AdmissionCheck> {
  const reading = await readAdmission(s, token, expected);
  if (!reading.ok) return reading;
  // A token from an earlier opening of this show's room admits to nothing now.
  return reading.opensAt === expected.opensAt ? { ok: true } : { ok: false, reason: "foreign" };
}

/** The JSON API may send the token in a header; pages carry it in a cookie set by the queue page. */
export function admissionTokenFrom(request: Request): string | null {
  return request.headers.get(ADMISSION_HEADER) ?? readCookie(request, ADMISSION_COOKIE);
}

export function admissionCookie(s: Pick<Services, "config" | "secureCookies">, token: string): string {
  return serializeCookie(ADMISSION_COOKIE, token, { secure: s.secureCookies, maxAgeSeconds: s.config.ADMISSION_TOKEN_TTL_SECONDS });
}

const ENGLISH = createTranslator("en", en);

/** Why an admission was refused, in the fan's language (`t`; English for the JSON API). */
export function describeAdmissionRefusal(reason: Exclude<AdmissionCheck, { ok: true }>["reason"], t: Translate = ENGLISH): string {
  if (reason === "missing") return describeRefusal({ code: "admission_required" }, Date.now(), t);
  return t("admission.refused", { reason });
}
