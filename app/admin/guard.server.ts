import type { AppLoadContext } from "@remix-run/cloudflare";
import { auditLog } from "#app/db/schema.server";
import { services, type Services } from "#app/utils/context.server";
import { randomId } from "#app/utils/crypto.server";
import { validateCsrf } from "#app/auth/csrf.server";
import { forbidden, readForm } from "#app/utils/http.server";
import { requireUser, type SessionUser } from "#app/auth/session.server";

/**
 * Every /admin loader and action calls one of these itself: a parent route's loader does not run
 * before (or instead of) a child's, so authorising only the layout would leave children open.
 * Anonymous visitors are sent to log in; signed-in customers get a 403.
 */
export async function requireAdmin(request: Request, s: Services): Promise<SessionUser> {
  const user = await requireUser(request, s);
  if (user.role !== "admin") forbidden("This page is for Marquee operators.");
  return user;
}

export async function adminLoader(request: Request, context: AppLoadContext) {
  const s = services(context, request);
  const admin = await requireAdmin(request, s);
  return { s, admin };
}

/** For resource routes (downloads), which have no error boundary: the 403 is a plain response. */
export async function adminResourceLoader(request: Request, context: AppLoadContext) {
  const s = services(context, request);
  const admin = await requireUser(request, s);
  if (admin.role !== "admin") {
    throw new Response("This page is for Marquee operators.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return { s, admin };
}

/** The prologue of every state-changing operator action: who (admin), then is it a real form (CSRF). */
export async function adminAction(request: Request, context: AppLoadContext) {
  const s = services(context, request);
  const admin = await requireAdmin(request, s);
  const form = await readForm(request);
  await validateCsrf(request, form, s);
  return { s, admin, form };
}

/** An audit_log insert, to go into the same db.batch() as the change it records. */
export function auditEntry(s: Services, actor: Pick<SessionUser, "id">, action: string, target: string, details?: Record<string, unknown>) {
  return s.db.insert(auditLog).values({ id: randomId(16), actorUserId: actor.id, action, target, details: details ?? null, createdAt: s.now });
}

export async function audit(s: Services, actor: Pick<SessionUser, "id">, action: string, target: string, details?: Record<string, unknown>) {
  await auditEntry(s, actor, action, target, details);
}
