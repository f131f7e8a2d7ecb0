// Authentication primitives: argon2id password hashes, server-side sessions (only a hash of the
// cookie value is stored) with idle and absolute timeouts, API tokens, TOTP.
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { isRole, requiresTotp, type Role } from '../../domain/roles.js';
import { apiTokens, sessions, units, users } from '../db/schema.js';
import { randomToken, sha256 } from './crypto.js';
import type { Db, Executor } from './db.js';
import type { UserActor } from './policy.js';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (a const enum in the package's types, so spelled as its value here).
const ARGON = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argonHash(password, ARGON);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the username is unknown, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export const burnPasswordCheck = async (password: string) => {
  dummyHash ??= hashPassword('not-a-real-password-hifazat');
  await verifyPassword(await dummyHash, password);
};

export const PASSWORD_MIN_LENGTH = 12;

/** A password rule a person can follow; returns the problem or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (password.length > 256) return 'The password must be at most 256 characters long.';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the username.';
  if (new Set(password).size < 5) return 'The password is too repetitive.';
  return null;
}

// ---- lockout / back-off ----------------------------------------------------------------------

export const LOCKOUT_FREE_ATTEMPTS = 5;

/** Seconds an account stays locked after `failures` failed sign-ins in a row (doubling, ≤ 1 h). */
export function lockoutSeconds(failures: number): number {
  if (failures < LOCKOUT_FREE_ATTEMPTS) return 0;
  return Math.min(3600, 30 * 2 ** (failures - LOCKOUT_FREE_ATTEMPTS));
}

// ---- sessions --------------------------------------------------------------------------------

export const SESSION_COOKIE = 'hz_session';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  mfaSatisfied: boolean;
}

export async function createSession(
  db: Executor,
  userId: string,
  mfaSatisfied: boolean,
  timeouts: SessionTimeouts,
  origin: { ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken(32);
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId,
      csrfToken: randomToken(24),
      mfaSatisfied,
      expiresAt: new Date(Date.now() + timeouts.absoluteHours * 3600_000),
      ip: origin.ip ?? null,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id, userId: sessions.userId, csrfToken: sessions.csrfToken, mfaSatisfied: sessions.mfaSatisfied });
  return { token, session: row! };
}

/** The live session for a cookie value, touching its idle clock; null when absent or expired. */
export async function findSession(db: Db, token: string, timeouts: SessionTimeouts): Promise<SessionRow | null> {
  const now = Date.now();
  const idleCutoff = new Date(now - timeouts.idleMinutes * 60_000);
  const [row] = await db
    .select({ id: sessions.id, userId: sessions.userId, csrfToken: sessions.csrfToken, mfaSatisfied: sessions.mfaSatisfied, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date(now)), gt(sessions.lastSeenAt, idleCutoff)));
  if (!row) return null;
  // the idle clock moves at most once a minute: a busy counter does not write on every request
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_STEP_MS) await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.id));
  return { id: row.id, userId: row.userId, csrfToken: row.csrfToken, mfaSatisfied: row.mfaSatisfied };
}

/** Granularity of a session's last-seen time (well below the idle timeout). */
const LAST_SEEN_STEP_MS = 60_000;

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Executor, userId: string, exceptSessionId?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function purgeExpiredSessions(db: Executor, timeouts: SessionTimeouts): Promise<void> {
  const idleCutoff = new Date(Date.now() - timeouts.idleMinutes * 60_000);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)));
}

// ---- API tokens ------------------------------------------------------------------------------

export const TOKEN_PREFIX = 'hzt_';

export async function createApiToken(db: Executor, userId: string, name: string, expiresAt: Date | null): Promise<{ id: string; token: string }> {
  const secret = randomToken(32);
  const token = `${TOKEN_PREFIX}${secret}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: sha256(token), prefix: token.slice(0, 10), expiresAt })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** The user id a live, unrevoked token belongs to, or null. */
export async function findApiToken(db: Db, token: string): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date()))))
    .returning({ userId: apiTokens.userId });
  return row?.userId ?? null;
}

// ---- actors ----------------------------------------------------------------------------------

export interface LoadedUser {
  actor: UserActor;
  active: boolean;
  totpEnrolled: boolean;
  totpRequired: boolean;
}

export async function loadUser(db: Executor, userId: string): Promise<LoadedUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      unitId: users.unitId,
      unitPath: units.path,
      roles: users.roles,
      active: users.active,
      totpSecret: users.totpSecret,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!row) return null;
  const roles = row.roles.filter(isRole) as Role[];
  return {
    actor: { kind: 'user', userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, unitPath: row.unitPath, roles },
    active: row.active,
    totpEnrolled: row.totpSecret !== null,
    totpRequired: requiresTotp(roles),
  };
}

// ---- TOTP (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect) ----------------------

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, username: string): string {
  return new OTPAuth.TOTP({ issuer: 'Hifazat', label: username, secret: OTPAuth.Secret.fromBase32(secretBase32) }).toString();
}

/** The time step the code belongs to (±1 step of clock drift), or null if it is wrong. */
export function checkTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretBase32) });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 30_000) + delta;
}

export function totpCode(secretBase32: string, now = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secretBase32) }).generate({ timestamp: now });
}
