// Sign-in, sessions, two-factor enrolment, password change and API tokens.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { apiTokens, sessions, units, users } from '../../db/schema.js';
import {
  burnPasswordCheck,
  checkTotp,
  createApiToken,
  createSession,
  deleteSession,
  deleteUserSessions,
  hashPassword,
  loadUser,
  lockoutSeconds,
  newTotpSecret,
  passwordProblem,
  totpUri,
  verifyPassword,
  type SessionRow,
} from '../../platform/auth.js';
import { writeAudit, type Origin } from '../../platform/audit.js';
import type { Deps } from '../../platform/http.js';
import { AppError, conflict, notFound, tooMany, unauthorized, unprocessable } from '../../platform/errors.js';
import { modulesFor, type UserActor } from '../../platform/policy.js';

const TOTP_FIELD = (userId: string) => ({ table: 'users', column: 'totp_secret', id: userId });
const TOTP_PENDING_FIELD = (userId: string) => ({ table: 'users', column: 'totp_pending_secret', id: userId });

export interface LoginInput {
  username: string;
  password: string;
  totp?: string | undefined;
}

const invalidCredentials = () => unauthorized('The username or password is not correct.', 'invalid_credentials');

export async function login(deps: Deps, input: LoginInput, origin: Origin, previousSessionId: string | null) {
  const { db, cipher } = deps;
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (!user || !user.active) {
    await burnPasswordCheck(input.password);
    await db.transaction((tx) => writeAudit(tx, null, origin, { action: 'auth.login', outcome: 'failure', details: { username: input.username.slice(0, 100), reason: 'unknown-or-inactive' } }));
    throw invalidCredentials();
  }
  const now = Date.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now) {
    const wait = Math.ceil((user.lockedUntil.getTime() - now) / 1000);
    await db.transaction((tx) => writeAudit(tx, null, origin, { action: 'auth.login', outcome: 'denied', recordType: 'user', recordId: user.id, details: { reason: 'locked' } }));
    throw tooMany(`Too many failed sign-ins. This account is locked for ${wait} more seconds.`, wait);
  }

  const fail = async (reason: string, error: AppError) => {
    const failures = user.failedLogins + 1;
    const lockFor = lockoutSeconds(failures);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: failures, lockedUntil: lockFor ? new Date(now + lockFor * 1000) : null })
        .where(eq(users.id, user.id));
      await writeAudit(tx, null, origin, { action: 'auth.login', outcome: 'failure', recordType: 'user', recordId: user.id, details: { reason, failures } });
    });
    return error;
  };

  if (!(await verifyPassword(user.passwordHash, input.password))) throw await fail('password', invalidCredentials());

  let totpStep: number | null = null;
  if (user.totpSecret) {
    if (!input.totp) throw new AppError(401, 'totp_required', 'Enter the 6-digit code from your authenticator app.');
    const secret = cipher.decrypt(user.totpSecret, TOTP_FIELD(user.id));
    totpStep = checkTotp(secret, input.totp);
    if (totpStep === null || (user.totpLastStep !== null && totpStep <= user.totpLastStep)) {
      throw await fail('totp', unauthorized('The two-factor code is not correct or was already used.', 'invalid_totp'));
    }
  }

  const loaded = (await loadUser(db, user.id))!;
  const timeouts = { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
  return db.transaction(async (tx) => {
    if (previousSessionId) await deleteSession(tx, previousSessionId); // rotation: never reuse a session id across sign-in
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
      .where(eq(users.id, user.id));
    const mfaSatisfied = loaded.totpEnrolled || !loaded.totpRequired;
    const created = await createSession(tx, user.id, mfaSatisfied, timeouts, origin);
    await writeAudit(tx, loaded.actor, origin, { action: 'auth.login', recordType: 'user', recordId: user.id, details: { twoFactor: loaded.totpEnrolled } });
    return { token: created.token, session: created.session, actor: loaded.actor };
  });
}

export async function logout(deps: Deps, actor: UserActor, session: SessionRow, origin: Origin): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, session.id);
    await writeAudit(tx, actor, origin, { action: 'auth.logout', recordType: 'user', recordId: actor.userId });
  });
}

export async function logoutEverywhere(deps: Deps, actor: UserActor, origin: Origin): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const n = await deleteUserSessions(tx, actor.userId);
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)));
    await writeAudit(tx, actor, origin, { action: 'auth.logoutEverywhere', recordType: 'user', recordId: actor.userId, details: { sessions: n } });
    return n;
  });
}

/** The signed-in user as the web app needs it: who, where, which modules, two-factor state. */
export async function sessionView(deps: Deps, actor: UserActor) {
  const [row] = await deps.db
    .select({ unitName: units.name, unitNameUr: units.nameUr, unitKind: units.kind, totpSecret: users.totpSecret, language: users.language })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, actor.userId));
  if (!row) throw notFound('user');
  const loaded = (await loadUser(deps.db, actor.userId))!;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...actor.roles],
    unit: { id: actor.unitId, name: row.unitName, nameUr: row.unitNameUr, kind: row.unitKind },
    language: row.language,
    modules: modulesFor(actor),
    totpEnrolled: loaded.totpEnrolled,
    totpRequired: loaded.totpRequired,
  };
}

export async function changePassword(deps: Deps, actor: UserActor, session: SessionRow | null, input: { currentPassword: string; newPassword: string }, origin: Origin) {
  const [user] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw unprocessable('The current password is not correct.', { field: 'currentPassword' });
  }
  const problem = passwordProblem(input.newPassword, actor.username);
  if (problem) throw unprocessable(problem, { field: 'newPassword' });
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, actor.userId));
    const others = await deleteUserSessions(tx, actor.userId, session?.id);
    await writeAudit(tx, actor, origin, { action: 'auth.changePassword', recordType: 'user', recordId: actor.userId, fields: ['password'], details: { otherSessionsEnded: others } });
  });
}

export async function startTotpEnrolment(deps: Deps, actor: UserActor, origin: Origin) {
  const [user] = await deps.db.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, actor.userId));
  if (user?.totpSecret) throw conflict('Two-factor sign-in is already set up for this account. Ask an administrator to reset it if you lost your device.');
  const secret = newTotpSecret();
  const uri = totpUri(secret, actor.username);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ totpPendingSecret: deps.cipher.encrypt(secret, TOTP_PENDING_FIELD(actor.userId)) }).where(eq(users.id, actor.userId));
    await writeAudit(tx, actor, origin, { action: 'auth.totp.start', recordType: 'user', recordId: actor.userId });
  });
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }) };
}

export async function confirmTotpEnrolment(deps: Deps, actor: UserActor, session: SessionRow | null, code: string, origin: Origin) {
  const [user] = await deps.db.select({ pending: users.totpPendingSecret, enrolled: users.totpSecret }).from(users).where(eq(users.id, actor.userId));
  if (user?.enrolled) throw conflict('Two-factor sign-in is already set up for this account.');
  if (!user?.pending) throw conflict('Start two-factor set-up first.');
  const secret = deps.cipher.decrypt(user.pending, TOTP_PENDING_FIELD(actor.userId));
  const step = checkTotp(secret, code);
  if (step === null) throw unprocessable('That code is not correct. Check the time on your phone and enter the current code.', { field: 'code' });
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: deps.cipher.encrypt(secret, TOTP_FIELD(actor.userId)), totpPendingSecret: null, totpLastStep: step, updatedAt: new Date() })
      .where(eq(users.id, actor.userId));
    if (session) await tx.update(sessions).set({ mfaSatisfied: true }).where(eq(sessions.id, session.id));
    await writeAudit(tx, actor, origin, { action: 'auth.totp.enrol', recordType: 'user', recordId: actor.userId, fields: ['totp_secret'] });
  });
}

// ---- API tokens ------------------------------------------------------------------------------

export async function listTokens(deps: Deps, actor: UserActor) {
  return deps.db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, actor.userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function issueToken(deps: Deps, actor: UserActor | null, userId: string, input: { name: string; expiresInDays?: number | undefined }, origin: Origin) {
  return deps.db.transaction(async (tx) => {
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    const created = await createApiToken(tx, userId, input.name, expiresAt);
    await writeAudit(tx, actor ?? { kind: 'system', name: 'cli' }, origin, { action: 'auth.token.create', recordType: 'api_token', recordId: created.id, details: { userId, name: input.name } });
    return created;
  });
}

export async function revokeToken(deps: Deps, actor: UserActor, tokenId: string, origin: Origin) {
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (rows.length === 0) throw notFound('API token');
    await writeAudit(tx, actor, origin, { action: 'auth.token.revoke', recordType: 'api_token', recordId: tokenId });
  });
}
