import { describe, expect, it } from "vitest";
import legacy from "#tests/fixtures/legacy-signed-values.json";
import { issuedSecret, resetToken, secretHash, verificationCode } from "#app/auth/account-tokens.server";
import { getCsrfToken } from "#app/auth/csrf.server";
import { localPassToken, localSiteverify } from "#app/auth/bot-check.server";
import { parseClaim, signSessionClaim } from "#app/auth/session-claim.server";
import { issueAdmission, readAdmission } from "#app/queue/admission.server";
import { placeCookieName, placePassCookie, readPlacePass } from "#app/queue/place-pass.server";
import { shareToken, ticketToken, verifyShareToken, verifyTicketToken } from "#app/tickets/token.server";
import { currentKid, derivedSecretHex, KEY_PURPOSES, KID_CHARS, signValue, unsignValue, type KeyConfig } from "./keys.server";
import { ConfigError, getConfig, type AppConfig } from "./env.server";

const OLD = legacy.fixtureSecret.sessionSecret;
const NEW = "a-new-session-secret-after-rotation-0123456789abcdef";
const NEWER = "the-session-secret-after-that-one-0123456789abcdefgh";
const TICKETS = "a-ticket-secret-of-its-own-0123456789abcdef-0123456";
const TICKETS_NEXT = "the-next-ticket-secret-0123456789abcdef-0123456789ab";

/** What a module reading `s.config` needs, with the secrets under test. */
function services(keys: KeyConfig, now = 1_800_000_200_000) {
  const config = { APP_ENV: "test", ADMISSION_TOKEN_TTL_SECONDS: 900, ...keys } as AppConfig;
  return { config, now, secureCookies: false };
}
const cookieValue = (setCookie: string) => decodeURIComponent(setCookie.split(";")[0]!.split("=").slice(1).join("="));
const withCookie = (name: string, value: string) => new Request("http://localhost/", { headers: { Cookie: `${name}=${encodeURIComponent(value)}` } });

/**
 * Every kind of signed value, as a check that says whether `keys` still accepts the one given.
 * Values minted before key ids (the fixtures) and values minted now go through the same checks.
 */
type Minted = {
  session: string;
  bareSession: string;
  csrf: { token: string; cookie: string };
  botPass: string;
  admission: string;
  placePass: string;
  ticket: string;
  share: string;
};
const f = legacy.fixtureSecret;

const checks: Record<keyof Minted, (keys: KeyConfig, v: Minted) => Promise<boolean>> = {
  session: async (keys, v) => {
    const value = await unsignValue(keys, "session", v.session);
    return value !== null && parseClaim(value)?.userId === f.session.claims.input.userId;
  },
  bareSession: async (keys, v) => (await unsignValue(keys, "session", v.bareSession)) === f.session.bare.input.sessionId,
  csrf: async (keys, v) => {
    const got = await getCsrfToken(withCookie("marquee_csrf", v.csrf.cookie), services(keys) as never);
    return got.token === v.csrf.token && got.setCookie === undefined;
  },
  botPass: async (keys, v) => (await localSiteverify(services(keys), new URLSearchParams({ response: v.botPass }))).success,
  admission: async (keys, v) => {
    const { userId, showtimeId, opensAt } = f.admission.input;
    const read = await readAdmission(services(keys), v.admission, { userId, showtimeId });
    return read.ok && read.opensAt === opensAt;
  },
  placePass: async (keys, v) => {
    const { userId, showtimeId, seq } = f.placePass.input;
    return (await readPlacePass(services(keys), withCookie(placeCookieName(showtimeId), v.placePass), { userId, showtimeId }))?.seq === seq;
  },
  ticket: async (keys, v) => (await verifyTicketToken(keys, v.ticket)) === f.ticket.bookingId,
  share: async (keys, v) => (await verifyShareToken(keys, v.share)) === f.share.bookingId,
};

const fixtures: Minted = {
  session: f.session.claims.value,
  bareSession: f.session.bare.value,
  csrf: f.csrf,
  botPass: f.botPass.value,
  admission: f.admission.value,
  placePass: f.placePass.cookie,
  ticket: f.ticket.value,
  share: f.share.value,
};

/** The same kinds of value, minted by today's code under `keys`. */
async function mint(keys: KeyConfig): Promise<Minted> {
  const s = services(keys);
  const csrf = await getCsrfToken(new Request("http://localhost/"), s as never);
  return {
    session: await signSessionClaim(keys, f.session.claims.input),
    bareSession: await signValue(keys, "session", f.session.bare.input.sessionId),
    csrf: { token: csrf.token, cookie: cookieValue(csrf.setCookie!) },
    botPass: await localPassToken(s),
    admission: await issueAdmission(s, f.admission.input),
    placePass: cookieValue(await placePassCookie(s, f.placePass.input)),
    ticket: await ticketToken(keys, f.ticket.bookingId),
    share: await shareToken(keys, f.share.bookingId),
  };
}

async function accepted(keys: KeyConfig, values: Minted): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const [kind, check] of Object.entries(checks)) out[kind] = await check(keys, values);
  return out;
}
const all = (yes: boolean) => Object.fromEntries(Object.keys(checks).map((k) => [k, yes]));

describe("values minted before key ids (fixtures from main dc5441e)", () => {
  it("every kind verifies under the secret it was minted with", async () => {
    expect(await accepted({ SESSION_SECRET: OLD }, fixtures)).toEqual(all(true));
  });

  it("every kind verifies after a rotation that keeps the old secret as previous, and none once it is dropped", async () => {
    expect(await accepted({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }, fixtures)).toEqual(all(true));
    expect(await accepted({ SESSION_SECRET: NEW }, fixtures)).toEqual(all(false));
  });

  it("tickets and share links keep verifying once TICKET_SECRET is set, and past a session rotation with the old secret as TICKET_SECRET_PREVIOUS", async () => {
    const { ticket, share } = await accepted({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS }, fixtures);
    expect({ ticket, share }).toEqual({ ticket: true, share: true });
    const after = await accepted({ SESSION_SECRET: NEW, TICKET_SECRET: TICKETS, TICKET_SECRET_PREVIOUS: OLD }, fixtures);
    expect({ ticket: after.ticket, share: after.share }).toEqual({ ticket: true, share: true });
    expect(after.session).toBe(false);
  });

  it("an emailed code or reset link issued before key ids is found again by the row's hash, under the current or previous secret", async () => {
    const code = { id: f.verifyEmailCode.tokenId, purpose: "verify_email" as const, secretHash: await secretHash(f.verifyEmailCode.tokenId, f.verifyEmailCode.value) };
    const reset = { id: f.passwordReset.tokenId, purpose: "password_reset" as const, secretHash: await secretHash(f.passwordReset.tokenId, f.passwordReset.value) };
    for (const keys of [{ SESSION_SECRET: OLD }, { SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }]) {
      expect(await issuedSecret(keys, code)).toBe(f.verifyEmailCode.value);
      expect(await issuedSecret(keys, reset)).toBe(f.passwordReset.value);
    }
    expect(await issuedSecret({ SESSION_SECRET: NEW }, code)).toBeNull();
  });

  it("the signed shapes a scanner or cookie reader knows are unchanged: only the MAC field grows by a key id", async () => {
    const now = await mint({ SESSION_SECRET: OLD });
    for (const kind of Object.keys(fixtures) as (keyof Minted)[]) {
      const before = kind === "csrf" ? fixtures.csrf.cookie : fixtures[kind];
      const after = kind === "csrf" ? now.csrf.cookie : now[kind];
      const mac = (v: string) => v.slice(v.lastIndexOf(".") + 1);
      expect(mac(before), kind).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mac(after), kind).toMatch(/^[A-Za-z0-9_-]{51}$/);
    }
    expect(now.ticket).toMatch(/^MQ1\.bk_fixture_0001\.[A-Za-z0-9_-]{51}$/);
    expect(now.share).toMatch(/^S1\.bk_fixture_0001\.[A-Za-z0-9_-]{51}$/);
  });
});

describe("rotating SESSION_SECRET", () => {
  it("a value signed under the old secret verifies while the old is previous, and fails once it is dropped", async () => {
    const before = await mint({ SESSION_SECRET: OLD });
    expect(await accepted({ SESSION_SECRET: OLD }, before)).toEqual(all(true));
    expect(await accepted({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }, before)).toEqual(all(true));
    expect(await accepted({ SESSION_SECRET: NEW }, before)).toEqual(all(false));
    // Two rotations on, the first secret is gone: only the previous one is kept.
    expect(await accepted({ SESSION_SECRET: NEWER, SESSION_SECRET_PREVIOUS: NEW }, before)).toEqual(all(false));
  });

  it("signs with the current secret's key id, so values minted during a rotation outlive the next one", async () => {
    const during = await mint({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD });
    expect(during.bareSession.split(".")[1]!.slice(0, KID_CHARS)).toBe(await currentKid({ SESSION_SECRET: NEW }, "session"));
    expect(await accepted({ SESSION_SECRET: NEW }, during)).toEqual(all(true));
    expect(await accepted({ SESSION_SECRET: NEWER, SESSION_SECRET_PREVIOUS: NEW }, during)).toEqual(all(true));
  });

  it("never voids a ticket or share link signed with TICKET_SECRET, previous or not", async () => {
    const keys = { SESSION_SECRET: OLD, TICKET_SECRET: TICKETS };
    const ticket = await ticketToken(keys, "bk_rotation_1");
    const share = await shareToken(keys, "bk_rotation_1");
    for (const rotated of [{ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD, TICKET_SECRET: TICKETS }, { SESSION_SECRET: NEWER, TICKET_SECRET: TICKETS }]) {
      expect(await verifyTicketToken(rotated, ticket)).toBe("bk_rotation_1");
      expect(await verifyShareToken(rotated, share)).toBe("bk_rotation_1");
    }
  });
});

describe("rotating TICKET_SECRET", () => {
  it("a ticket signed under the old ticket secret verifies while it is TICKET_SECRET_PREVIOUS, and fails once it is dropped", async () => {
    const ticket = await ticketToken({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS }, "bk_rotation_2");
    expect(await verifyTicketToken({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS_NEXT, TICKET_SECRET_PREVIOUS: TICKETS }, ticket)).toBe("bk_rotation_2");
    expect(await verifyTicketToken({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS_NEXT }, ticket)).toBeNull();
  });

  it("a ticket signed with the session secret before TICKET_SECRET existed still verifies once it is set", async () => {
    const ticket = await ticketToken({ SESSION_SECRET: OLD }, "bk_rotation_3");
    expect(await verifyTicketToken({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS }, ticket)).toBe("bk_rotation_3");
    // …and past a session rotation, when the old session secret is kept as the previous ticket secret.
    expect(await verifyTicketToken({ SESSION_SECRET: NEW, TICKET_SECRET: TICKETS, TICKET_SECRET_PREVIOUS: OLD }, ticket)).toBe("bk_rotation_3");
    // New tickets are signed with the ticket secret itself.
    expect(await ticketToken({ SESSION_SECRET: OLD, TICKET_SECRET: TICKETS }, "bk_rotation_3")).toBe(await ticketToken({ SESSION_SECRET: NEW, TICKET_SECRET: TICKETS }, "bk_rotation_3"));
  });
});

describe("purposes and key ids", () => {
  it("a value signed for one purpose never verifies as another, old format or new", async () => {
    const keys = { SESSION_SECRET: OLD };
    const csrfCookie = fixtures.csrf.cookie;
    expect(await unsignValue(keys, "csrf", csrfCookie)).toBe(fixtures.csrf.token);
    const fresh = await signValue(keys, "csrf", "sess_fixture_0002");
    for (const purpose of KEY_PURPOSES.filter((p) => p !== "csrf")) expect(await unsignValue(keys, purpose, fresh), purpose).toBeNull();
    expect(await unsignValue(keys, "place-pass", fixtures.admission)).toBeNull();
    expect(await verifyShareToken(keys, fixtures.ticket.replace(/^MQ1/, "S1"))).toBeNull();
    expect(await verifyTicketToken(keys, (await shareToken(keys, "bk_1")).replace(/^S1/, "MQ1"))).toBeNull();
  });

  it("refuses a changed key id, a key id nobody issued, a legacy MAC with a key id put in front, and odd lengths", async () => {
    const keys = { SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD };
    const signed = await signValue(keys, "session", "sess_1");
    const [value, mac] = signed.split(".") as [string, string];
    const oldKid = await currentKid({ SESSION_SECRET: OLD }, "session");
    const legacyMac = fixtures.bareSession.split(".")[1]!;
    for (const bad of [
      `${value}.${oldKid}${mac.slice(KID_CHARS)}`,
      `${value}.AAAAAAAA${mac.slice(KID_CHARS)}`,
      `${f.session.bare.input.sessionId}.${oldKid}${legacyMac}`,
      `${value}.${mac.slice(1)}`,
      `${value}.${mac}A`,
      `${value}.`,
      `.${mac}`,
    ]) {
      expect(await unsignValue(keys, "session", bad), bad).toBeNull();
    }
    expect(await unsignValue(keys, "session", signed)).toBe("sess_1");
  });

  it("key ids differ by purpose and by secret, and reveal neither", async () => {
    const kids = await Promise.all(KEY_PURPOSES.map((p) => currentKid({ SESSION_SECRET: OLD }, p)));
    expect(new Set(kids).size).toBe(KEY_PURPOSES.length);
    expect(await currentKid({ SESSION_SECRET: NEW }, "session")).not.toBe(await currentKid({ SESSION_SECRET: OLD }, "session"));
    for (const kid of kids) expect(OLD).not.toContain(kid);
  });

  it("new codes and reset links come from the current key and are found again under it", async () => {
    const keys = { SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD };
    const code = await verificationCode(keys, "tok_new_1");
    const link = await resetToken(keys, "tok_new_2");
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(link).toMatch(/^tok_new_2\.[A-Za-z0-9_-]{43}$/);
    expect(await issuedSecret(keys, { id: "tok_new_1", purpose: "verify_email", secretHash: await secretHash("tok_new_1", code) })).toBe(code);
    expect(await issuedSecret({ SESSION_SECRET: NEWER, SESSION_SECRET_PREVIOUS: NEW }, { id: "tok_new_2", purpose: "password_reset", secretHash: await secretHash("tok_new_2", link) })).toBe(link);
  });

  it("derives the Razorpay sandbox's two secrets apart from each other and from the session secret", async () => {
    const key = await derivedSecretHex({ SESSION_SECRET: OLD }, "razorpay-sandbox-key");
    const webhook = await derivedSecretHex({ SESSION_SECRET: OLD }, "razorpay-sandbox-webhook");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(webhook).not.toBe(key);
    expect(await derivedSecretHex({ SESSION_SECRET: OLD }, "razorpay-sandbox-key")).toBe(key);
  });
});

describe("configuration", () => {
  it("reads the optional secrets: unset or empty is none, a short one is refused", () => {
    const config = getConfig({ SESSION_SECRET: OLD, SESSION_SECRET_PREVIOUS: NEW, TICKET_SECRET: "", TICKET_SECRET_PREVIOUS: undefined } as unknown as Env);
    expect([config.SESSION_SECRET_PREVIOUS, config.TICKET_SECRET, config.TICKET_SECRET_PREVIOUS]).toEqual([NEW, undefined, undefined]);
    expect(() => getConfig({ SESSION_SECRET: OLD, TICKET_SECRET: "too-short" } as unknown as Env)).toThrow(ConfigError);
  });
});
