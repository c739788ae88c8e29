import { redirect } from "react-router";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { sessions, users, type User } from "#app/db/schema.server";
import type { Services } from "#app/utils/context.server";
import type { Db } from "#app/utils/db.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { randomId } from "#app/utils/crypto.server";
import { IsolateCache } from "#app/utils/isolate-cache.server";
import { unsignValue } from "#app/utils/keys.server";
import { parseClaim, signSessionClaim, type SessionClaim } from "./session-claim.server";

export const SESSION_COOKIE = "marquee_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "emailVerifiedAt"> & { sessionId: string };

/**
 * Cookie values whose signature this isolate already checked: a hot path skips the HMAC. An answer
 * holds only under the secrets it was checked with (a rotation that drops a secret drops its cookies).
 */
type VerifiedCookie = { claim: SessionClaim; secret: string; previous: string | undefined };
const verifiedCookies = new IsolateCache<string, VerifiedCookie>(10_000);
async function claimFrom(request: Request, s: Services): Promise<SessionClaim | null> {
  const raw = readCookie(request, SESSION_COOKIE);
  if (!raw) return null;
  const { SESSION_SECRET: secret, SESSION_SECRET_PREVIOUS: previous } = s.config;
  const known = verifiedCookies.get(raw, 0);
  if (known && known.secret === secret && known.previous === previous) return known.claim;
  const value = await unsignValue(s.config, "session", raw);
  const claim = value === null ? null : parseClaim(value);
  if (claim) verifiedCookies.set(raw, { claim, secret, previous });
  return claim;
}

async function sessionIdFrom(request: Request, s: Services): Promise<string | null> {
  return (await claimFrom(request, s))?.sessionId ?? null;
}

/**
 * The account a session cookie names, from its signed claims alone (no D1): only the queue's join
 * and poll use this (ADR 025), because a place in line is all a revoked session could still take,
 * and an admission is issued only after D1 has confirmed the session. Null for a cookie without
 * claims or past the session's expiry: the caller asks D1 as before.
 */
export async function claimedSessionUser(request: Request, s: Services): Promise<{ id: string; verified: boolean } | null> {
  const claim = await claimFrom(request, s);
  if (!claim?.userId || claim.expiresAt === null || claim.expiresAt <= s.now) return null;
  return { id: claim.userId, verified: claim.verified };
}

type CachedSession = { user: SessionUser; sessionExpiresAt: number; checkedAt: number };
const recentSessions = new IsolateCache<string, CachedSession>(10_000);
type SessionRow = Pick<User, "id" | "email" | "name" | "role" | "emailVerifiedAt"> & { sessionExpiresAt: number };
/**
 * A page's root and route loaders ask at the same moment: they share one D1 read. Only within one
 * request (keyed by its ExecutionContext): a Worker may not await another request's I/O.
 */
const sessionLookups = new WeakMap<object, Map<string, Promise<SessionRow | undefined>>>();

const SESSION_FIELDS = { id: users.id, email: users.email, name: users.name, role: users.role, emailVerifiedAt: users.emailVerifiedAt, sessionExpiresAt: sessions.expiresAt };
type SessionColumns = [string, string, string, SessionRow["role"], number | null, number];
const lookupSql = { text: null as string | null };

/**
 * Every page view asks D1 for its session: drizzle writes that query's SQL once per isolate (with
 * placeholders), not once per view — building it was a tenth of a seat page's server time.
 */
async function readSession(db: Db, sessionId: string, now: number): Promise<SessionRow | undefined> {
  lookupSql.text ??= db
    .select(SESSION_FIELDS)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .toSQL().sql;
  const [row] = await db.$client.prepare(lookupSql.text).bind(sessionId, now).raw<SessionColumns>();
  if (!row) return undefined;
  const [id, email, name, role, emailVerifiedAt, sessionExpiresAt] = row;
  return { id, email, name, role, emailVerifiedAt, sessionExpiresAt };
}

/**
 * The signed cookie proves we issued the session id; D1 says whether it is still live.
 * `maxStaleMs` lets a hot JSON path (seat holds) reuse this isolate's answer from the last few
 * seconds instead of a D1 round trip per request (see ADR 006): pages always ask D1.
 */
export async function getSessionUser(request: Request, s: Services, { maxStaleMs = 0 } = {}): Promise<SessionUser | null> {
  const sessionId = await sessionIdFrom(request, s);
  if (!sessionId) return null;
  if (maxStaleMs > 0) {
    const hit = recentSessions.get(sessionId, s.now);
    if (hit && s.now - hit.checkedAt <= maxStaleMs && hit.sessionExpiresAt > s.now) return hit.user;
  }
  let inRequest = sessionLookups.get(s.requestScope);
  if (!inRequest) sessionLookups.set(s.requestScope, (inRequest = new Map()));
  let lookup = inRequest.get(sessionId);
  if (!lookup) {
    lookup = readSession(s.db, sessionId, s.now);
    inRequest.set(sessionId, lookup);
  }
  const row = await lookup;
  if (!row) {
    recentSessions.delete(sessionId);
    return null;
  }
  const { sessionExpiresAt, ...fields } = row;
  const user = { ...fields, sessionId };
  recentSessions.set(sessionId, { user, sessionExpiresAt, checkedAt: s.now });
  return user;
}

export async function requireUser(request: Request, s: Services): Promise<SessionUser> {
  const user = await getSessionUser(request, s);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/**
 * Starts a session and returns its Set-Cookie header; expired sessions of the user are swept on the
 * way. `verified` goes into the cookie's claims: say whether the account's address is verified now.
 */
export async function createSession(s: Services, user: { id: string; verified: boolean }): Promise<string> {
  const id = randomId(24);
  const expiresAt = s.now + SESSION_TTL_MS;
  await s.db.batch([
    s.db.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, s.now))),
    s.db.insert(sessions).values({ id, userId: user.id, createdAt: s.now, expiresAt }),
  ]);
  const value = await signSessionClaim(s.config, { sessionId: id, userId: user.id, verified: user.verified, expiresAt });
  return serializeCookie(SESSION_COOKIE, value, {
    secure: s.secureCookies,
    maxAgeSeconds: SESSION_TTL_MS / 1000,
  });
}

export async function destroySession(request: Request, s: Services): Promise<string> {
  const sessionId = await sessionIdFrom(request, s);
  if (sessionId) {
    recentSessions.delete(sessionId);
    await s.db.delete(sessions).where(eq(sessions.id, sessionId));
  }
  return serializeCookie(SESSION_COOKIE, "", { secure: s.secureCookies, maxAgeSeconds: 0 });
}

/**
 * Forgets this isolate's cached answers for a user's sessions (after their rows were deleted), so
 * even the hot path stops honouring them at once here; other isolates stop within ADR 006's window.
 */
export function forgetCachedSessions(userId: string, exceptSessionId?: string): void {
  for (const [id, hit] of recentSessions) if (hit.user.id === userId && id !== exceptSessionId) recentSessions.delete(id);
}

/** "Log out everywhere": every session of the user ends, this one included. */
export async function destroyAllSessions(s: Services, userId: string): Promise<string> {
  await s.db.delete(sessions).where(eq(sessions.userId, userId));
  forgetCachedSessions(userId);
  return serializeCookie(SESSION_COOKIE, "", { secure: s.secureCookies, maxAgeSeconds: 0 });
}
