import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import legacy from "#tests/fixtures/legacy-signed-values.json";
import { resolveTicketInput } from "#app/admin/check-in.server";
import { secretHash } from "#app/auth/account-tokens.server";
import { localSiteverify } from "#app/auth/bot-check.server";
import { getCsrfToken, validateCsrf } from "#app/auth/csrf.server";
import { getSessionUser } from "#app/auth/session.server";
import { accountEmailData } from "#app/email/account-email.server";
import { accountEmailJob } from "#app/email/job";
import { readAdmission } from "#app/queue/admission.server";
import { placeCookieName, readPlacePass } from "#app/queue/place-pass.server";
import { sharedTicket } from "#app/tickets/share.server";
import { services } from "#app/utils/context.server";
import { getConfig } from "#app/utils/env.server";
import { TestBrowser } from "#tests/helpers/browser";
import { seedDemoData } from "#tests/helpers/seed";
import { createShowtime, sellInD1 } from "#tests/helpers/showtimes";

/**
 * Values minted by main's code before key ids existed (tests/fixtures, under this pool's
 * SESSION_SECRET), taken through the real Worker and modules: they keep working after the change,
 * and after a rotation that keeps the old secret as previous.
 */
const f = legacy.testEnvSecret;
const OLD = env.SESSION_SECRET;
const NEW = "a-rotated-session-secret-0123456789abcdef-0123456789";
const TICKETS = "a-ticket-secret-of-its-own-0123456789abcdef-0123456";
const USER = f.session.claims.input.userId;
const BOOKING = f.ticket.bookingId;

/** Services as a route gets them, under other secrets (a fresh env object: its config is parsed anew). */
function servicesWith(vars: Partial<Cloudflare.Env>, now = Date.now()) {
  return services({ cloudflare: { env: { ...env, ...vars }, ctx: { waitUntil: () => {} } } } as never, new Request("http://localhost/"), now);
}
const current = () => servicesWith({});
const rotated = () => servicesWith({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD });
const dropped = () => servicesWith({ SESSION_SECRET: NEW });
const withCookies = (cookies: Record<string, string>, init: RequestInit = {}) =>
  new Request("http://localhost/account", {
    ...init,
    headers: { ...(init.headers as Record<string, string>), Cookie: Object.entries(cookies).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ") },
  });

beforeAll(async () => {
  expect(f.sessionSecret).toBe(OLD);
  await seedDemoData();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO users (id, email, name, password_hash, role, email_verified_at, created_at) VALUES (?, 'legacy-fixture@example.com', 'Legacy Fixture', 'x', 'customer', ?, ?)").bind(USER, now, now),
    env.DB.prepare("INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)").bind(f.session.claims.input.sessionId, USER, now + 86_400_000, now),
    env.DB.prepare("INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)").bind(f.session.bare.input.sessionId, USER, now + 86_400_000, now),
    env.DB.prepare("INSERT INTO account_tokens (id, user_id, purpose, secret_hash, attempts, expires_at, created_at) VALUES (?, ?, 'verify_email', ?, 0, ?, ?)").bind(
      f.verifyEmailCode.tokenId,
      USER,
      await secretHash(f.verifyEmailCode.tokenId, f.verifyEmailCode.value),
      now + 600_000,
      now,
    ),
  ]);
  await sellInD1(await createShowtime(), BOOKING, ["A1"], USER);
});

describe("signed values minted before key ids", () => {
  it("session cookies (with and without claims) log their holder in through the Worker", async () => {
    for (const cookie of [f.session.claims.value, f.session.bare.value]) {
      const browser = new TestBrowser();
      browser.cookies.set("marquee_session", encodeURIComponent(cookie));
      const res = await browser.get("/account");
      expect(res.status, cookie).toBe(200);
      expect(await res.text()).toContain("legacy-fixture@example.com");
    }
  });

  it("session cookies survive a rotation that keeps the old secret as previous, and end when it is dropped", async () => {
    for (const cookie of [f.session.claims.value, f.session.bare.value]) {
      const request = withCookies({ marquee_session: cookie });
      expect((await getSessionUser(request, current()))?.id).toBe(USER);
      expect((await getSessionUser(request, rotated()))?.id).toBe(USER);
      expect(await getSessionUser(request, dropped())).toBeNull();
    }
  });

  it("the CSRF cookie still validates a form, before and after a rotation", async () => {
    const form = new FormData();
    form.set("csrf", f.csrf.token);
    const request = () => withCookies({ marquee_csrf: f.csrf.cookie }, { method: "POST", headers: { Origin: "http://localhost" } });
    for (const s of [current(), rotated()]) {
      expect(await getCsrfToken(request(), s)).toEqual({ token: f.csrf.token });
      await expect(validateCsrf(request(), form, s)).resolves.toBeUndefined();
    }
    await expect(validateCsrf(request(), form, dropped())).rejects.toBeInstanceOf(Response);
  });

  it("the door ticket admits and the share link opens, also once TICKET_SECRET is set and the session secret rotated", async () => {
    const browser = new TestBrowser();
    expect((await browser.get(`/t/${f.share.value}`)).status).toBe(200);
    const withTickets = servicesWith({ TICKET_SECRET: TICKETS });
    const rotatedWithTickets = servicesWith({ SESSION_SECRET: NEW, TICKET_SECRET: TICKETS, TICKET_SECRET_PREVIOUS: OLD });
    for (const s of [current(), rotated(), withTickets, rotatedWithTickets]) {
      expect(await resolveTicketInput(s, f.ticket.value)).toBe(BOOKING);
      expect((await sharedTicket(s, f.share.value)).kind).toBe("ok");
    }
    expect(await resolveTicketInput(dropped(), f.ticket.value)).toBeNull();
  });

  it("the admission token, place pass and local bot pass still read", async () => {
    const { userId, showtimeId, opensAt } = f.admission.input;
    const at = f.admission.input.admittedAt + 1000;
    for (const s of [servicesWith({}, at), servicesWith({ SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }, at)]) {
      expect(await readAdmission(s, f.admission.value, { userId, showtimeId })).toEqual({ ok: true, opensAt });
      const pass = await readPlacePass(s, withCookies({ [placeCookieName(showtimeId)]: f.placePass.cookie }), { userId, showtimeId });
      expect(pass).toEqual({ userId, showtimeId, seq: f.placePass.input.seq, admittedAt: f.placePass.input.admittedAt });
      expect(await localSiteverify(s, new URLSearchParams({ response: f.botPass.value }))).toEqual({ success: true });
    }
    expect(await readAdmission(servicesWith({ SESSION_SECRET: NEW }, at), f.admission.value, { userId, showtimeId })).toEqual({ ok: false, reason: "forged" });
  });

  it("a verification code queued before the change is mailed as issued, also after a rotation", async () => {
    const job = accountEmailJob("verify_email", USER, f.verifyEmailCode.tokenId);
    for (const vars of [{}, { SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }] as Partial<Cloudflare.Env>[]) {
      const config = getConfig({ ...env, ...vars });
      const found = await accountEmailData(job, { db: env.DB, keys: config, appOrigin: "http://localhost", mailer: null, now: Date.now() });
      expect(found).toMatchObject({ data: { code: f.verifyEmailCode.value } });
    }
  });
});
