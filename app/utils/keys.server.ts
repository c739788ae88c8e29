import { base64url, fromBase64url, hmacSha256, timingSafeEqual } from "./crypto.server";
import type { AppConfig } from "./env.server";

/**
 * Every key the app signs or derives a secret with comes from here, one purpose per kind of value,
 * so no value of one kind ever passes as another and no caller builds a key itself
 * (docs/architecture.md, "Signed values").
 *
 * - A purpose's key is HMAC-SHA256(secret, "marquee-key:v2:<purpose>"); its key id (`kid`, 8
 *   base64url characters) is a one-way fingerprint of the same secret and purpose.
 * - Signing uses the current secret. A MAC field is `<kid><signature>` (8 + 43 characters), so a
 *   value keeps its old shape and character set ("value.mac", "MQ1.<booking>.<mac>").
 * - Verifying accepts the current secret and the previous one (`SESSION_SECRET_PREVIOUS`), so
 *   `SESSION_SECRET` rotates without logging anyone out (docs/runbook.md, "Rotate a secret").
 * - A 43-character MAC (no kid) is a value minted before key ids: it is checked against each
 *   purpose's original derivation (`legacy` below), under the current and the previous secret.
 * - Door tickets and share links sign with `TICKET_SECRET` (its previous: `TICKET_SECRET_PREVIOUS`),
 *   so rotating the session secret never voids an emailed ticket. Without `TICKET_SECRET` they
 *   sign with the session secret, as before it existed; with it but without
 *   `TICKET_SECRET_PREVIOUS`, tickets signed with the session secrets still verify.
 */
const PURPOSES = {
  /** The session cookie (its claims). */
  session: { family: "session", legacy: { keySuffix: "", messagePrefix: "" } },
  /** The double-submit CSRF cookie. */
  csrf: { family: "session", legacy: { keySuffix: "", messagePrefix: "" } },
  /** The local bot check's pass (development and test only). */
  "bot-pass": { family: "session", legacy: { keySuffix: ":local-turnstile-pass", messagePrefix: "" } },
  /** The waiting room's admission token. */
  admission: { family: "session", legacy: { keySuffix: ":waiting-room-admission", messagePrefix: "" } },
  /** The waiting room's place pass (cookie per show). */
  "place-pass": { family: "session", legacy: { keySuffix: ":waiting-room-place", messagePrefix: "" } },
  /** The emailed 6-digit verification code (derived from the token id; the row keeps its hash). */
  "verify-email": { family: "session", legacy: { keySuffix: "", messagePrefix: "verify-email:" } },
  /** The emailed password-reset link (derived from the token id; the row keeps its hash). */
  "password-reset": { family: "session", legacy: { keySuffix: "", messagePrefix: "password-reset:" } },
  /** The local Razorpay sandbox's key secret and webhook secret (development and test only). */
  // Sign-in links (ADR 027) came after key ids: no older derivation to accept.
  "sign-in": { family: "session", legacy: null },
  "razorpay-sandbox-key": { family: "session", legacy: null },
  "razorpay-sandbox-webhook": { family: "session", legacy: null },
  /** The door ticket (QR in the email and on the booking page). */
  ticket: { family: "ticket", legacy: { keySuffix: "", messagePrefix: "marquee-ticket:v1:" } },
  /** The read-only share link "/t/<token>". */
  share: { family: "ticket", legacy: { keySuffix: "", messagePrefix: "marquee-share:v1:" } },
} as const satisfies Record<string, { family: "session" | "ticket"; legacy: { keySuffix: string; messagePrefix: string } | null }>;

export type KeyPurpose = keyof typeof PURPOSES;
export const KEY_PURPOSES = Object.keys(PURPOSES) as KeyPurpose[];

/** The secrets the keys come from: a Services' `config` will do, and so will `{ SESSION_SECRET }`. */
export type KeyConfig = Pick<AppConfig, "SESSION_SECRET"> & Partial<Pick<AppConfig, "SESSION_SECRET_PREVIOUS" | "TICKET_SECRET" | "TICKET_SECRET_PREVIOUS">>;

export const KID_CHARS = 8;
/** base64url of an HMAC-SHA256 (32 bytes). */
const SIGNATURE_CHARS = 43;
const encoder = new TextEncoder();

type Key = { kid: string | null; mac: (message: string) => Promise<Uint8Array> };

/** Current secret first, then the ones verification still accepts. */
function secretsFor(config: KeyConfig, purpose: KeyPurpose): { current: string; previous: string[] } {
  const session = [config.SESSION_SECRET_PREVIOUS].filter((s): s is string => !!s);
  if (PURPOSES[purpose].family === "session") return { current: config.SESSION_SECRET, previous: session };
  if (config.TICKET_SECRET_PREVIOUS) return { current: config.TICKET_SECRET || config.SESSION_SECRET, previous: [config.TICKET_SECRET_PREVIOUS] };
  if (config.TICKET_SECRET) return { current: config.TICKET_SECRET, previous: [config.SESSION_SECRET, ...session] };
  return { current: config.SESSION_SECRET, previous: session };
}

// Derived keys are kept per isolate (pure functions of the secret and purpose), not the pending derivations.
const derived = new Map<string, { kid: string; raw: Uint8Array<ArrayBuffer>; key: CryptoKey }>();

async function derive(secret: string, purpose: KeyPurpose) {
  const cacheKey = `${purpose}\u0000${secret}`;
  let hit = derived.get(cacheKey);
  if (!hit) {
    const raw = new Uint8Array(await hmacSha256(secret, `marquee-key:v2:${purpose}`));
    const kid = base64url(await hmacSha256(secret, `marquee-key-id:v2:${purpose}`)).slice(0, KID_CHARS);
    const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    hit = { kid, raw, key };
    derived.set(cacheKey, hit);
  }
  return hit;
}

async function keyFor(secret: string, purpose: KeyPurpose): Promise<Key> {
  const { kid, key } = await derive(secret, purpose);
  return { kid, mac: async (message) => new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message))) };
}

function legacyKeyFor(secret: string, purpose: KeyPurpose): Key | null {
  const legacy = PURPOSES[purpose].legacy;
  if (!legacy) return null;
  return { kid: null, mac: (message) => hmacSha256(`${secret}${legacy.keySuffix}`, `${legacy.messagePrefix}${message}`) };
}

/** The key id values are signed with now, for this purpose. */
export async function currentKid(config: KeyConfig, purpose: KeyPurpose): Promise<string> {
  return (await derive(secretsFor(config, purpose).current, purpose)).kid;
}

/** The MAC field for `message`: `<kid><signature>`, under the current secret. */
export async function signatureFor(config: KeyConfig, purpose: KeyPurpose, message: string): Promise<string> {
  const key = await keyFor(secretsFor(config, purpose).current, purpose);
  return `${key.kid}${base64url(await key.mac(message))}`;
}

/**
 * Whether `field` is a MAC of `message` under a key still accepted: with a kid, the current or
 * previous secret's key of that id; without one (43 characters), the purpose's original derivation.
 */
export async function verifySignature(config: KeyConfig, purpose: KeyPurpose, message: string, field: string): Promise<boolean> {
  const legacy = field.length === SIGNATURE_CHARS;
  if (!legacy && field.length !== KID_CHARS + SIGNATURE_CHARS) return false;
  const kid = legacy ? null : field.slice(0, KID_CHARS);
  const given = fromBase64url(legacy ? field : field.slice(KID_CHARS));
  if (!given || given.length !== 32) return false;
  const { current, previous } = secretsFor(config, purpose);
  for (const secret of [current, ...previous]) {
    const key = legacy ? legacyKeyFor(secret, purpose) : await keyFor(secret, purpose);
    if (!key || key.kid !== kid) continue;
    if (timingSafeEqual(given, await key.mac(message))) return true;
  }
  return false;
}

/** "value.mac": the value stays readable, the MAC proves we issued it for this purpose. */
export async function signValue(config: KeyConfig, purpose: KeyPurpose, value: string): Promise<string> {
  return `${value}.${await signatureFor(config, purpose, value)}`;
}

/** The value of a "value.mac" signed for this purpose under an accepted key, or null. */
export async function unsignValue(config: KeyConfig, purpose: KeyPurpose, signed: string): Promise<string | null> {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  return (await verifySignature(config, purpose, value, signed.slice(dot + 1))) ? value : null;
}

/**
 * `message`'s MAC under every accepted key, the current one first (kid-less derivations last):
 * for secrets derived rather than verified, such as an emailed code whose row keeps only a hash.
 */
export async function macsUnderEveryKey(config: KeyConfig, purpose: KeyPurpose, message: string): Promise<Uint8Array[]> {
  const { current, previous } = secretsFor(config, purpose);
  const secrets = [current, ...previous];
  const keys: Key[] = [...(await Promise.all(secrets.map((s) => keyFor(s, purpose)))), ...secrets.map((s) => legacyKeyFor(s, purpose)).filter((k): k is Key => k !== null)];
  return Promise.all(keys.map((k) => k.mac(message)));
}

/** `message`'s MAC under the current key (no kid): for a secret derived from the server's, such as an emailed code. */
export async function currentMac(config: KeyConfig, purpose: KeyPurpose, message: string): Promise<Uint8Array> {
  return (await keyFor(secretsFor(config, purpose).current, purpose)).mac(message);
}

/** A secret of its own for this purpose (hex), from the current secret: stable across isolates and restarts. */
export async function derivedSecretHex(config: KeyConfig, purpose: KeyPurpose): Promise<string> {
  const { raw } = await derive(secretsFor(config, purpose).current, purpose);
  return [...raw].map((b) => b.toString(16).padStart(2, "0")).join("");
}
