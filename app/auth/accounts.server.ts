import { eq } from "drizzle-orm";
import { users } from "#app/db/schema.server";
import type { LoginInput, SignupInput } from "./validation";
import type { Services } from "#app/utils/context.server";
import { isUniqueViolation } from "#app/utils/db.server";
import { DUMMY_PASSWORD_HASH, hashPassword, randomId, verifyPassword } from "#app/utils/crypto.server";
import { clearAccountFailures, loginRetryAfter, recordLoginFailure, throttleKeys } from "./login-throttle.server";

export type SignupResult = { ok: true; userId: string } | { ok: false; reason: "email_taken" };

export async function signup(s: Services, input: SignupInput): Promise<SignupResult> {
  const userId = `usr_${randomId(12)}`;
  try {
    // The UNIQUE constraint on email decides, not a read before the write.
    await s.db.insert(users).values({
      id: userId,
      email: input.email,
      name: input.name,
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
      role: "customer",
      createdAt: s.now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email_taken" };
    throw error;
  }
  return { ok: true, userId };
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function login(s: Services, input: LoginInput, ip: string | null): Promise<LoginResult> {
  const keys = throttleKeys(input.email, ip);
  const retryAfterSeconds = await loginRetryAfter(s.db, keys, s.now);
  if (retryAfterSeconds > 0) return { ok: false, reason: "throttled", retryAfterSeconds };

  const user = await s.db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !valid) {
    await recordLoginFailure(s.db, keys, s.now);
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(s.db, keys);
  return { ok: true, userId: user.id };
}
