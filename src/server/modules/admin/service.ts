// Units and users: the organisational tree and the people in it, managed by administrators
// (and, for the first accounts of an install, by the administration command).
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { requiresTotp, type Role } from '../../../domain/roles.js';
import { units, users } from '../../db/schema.js';
import { deleteUserSessions, hashPassword, passwordProblem } from '../../platform/auth.js';
import { writeAudit, type Origin } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { Deps } from '../../platform/http.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/errors.js';
import { assertCan, unitScope, type Actor, type UserActor } from '../../platform/policy.js';

// ---- units -----------------------------------------------------------------------------------

export interface UnitInput {
  parentId: string | null;
  code: string;
  kind: string;
  name: string;
  nameUr?: string | null | undefined;
  district?: string | null | undefined;
  province?: string | null | undefined;
}

const unitColumns = {
  id: units.id,
  parentId: units.parentId,
  code: units.code,
  kind: units.kind,
  name: units.name,
  nameUr: units.nameUr,
  district: units.district,
  province: units.province,
  path: units.path,
  active: units.active,
  version: units.version,
};

export async function listUnits(deps: Deps) {
  return deps.db.select(unitColumns).from(units).orderBy(asc(units.path));
}

export async function findUnit(db: Executor, id: string) {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.id, id));
  return row ?? null;
}

export async function findUnitByCode(db: Executor, code: string) {
  const [row] = await db.select(unitColumns).from(units).where(eq(units.code, code));
  return row ?? null;
}

/** Creates a unit under its parent (or the root when parentId is null and the tree is empty). */
export async function createUnit(deps: Deps, actor: Actor, input: UnitInput, origin: Origin = {}) {
  return deps.db.transaction(async (tx) => {
    let parentPath = '/';
    if (input.parentId) {
      const parent = await findUnit(tx, input.parentId);
      if (!parent) throw notFound('parent unit');
      assertCan(actor, 'unit.create', parent, { type: 'unit', id: parent.id }, { status: 403, message: 'You may add units only within your own part of the organisation.' });
      parentPath = parent.path;
    } else {
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(units);
      if (n > 0 || actor.kind !== 'system') throw unprocessable('Choose the parent unit.', { field: 'parentId' });
    }
    if (await findUnitByCode(tx, input.code)) throw conflict(`A unit with the code "${input.code}" already exists.`, { field: 'code' });
    const id = randomUUID();
    const [row] = await tx
      .insert(units)
      .values({ id, parentId: input.parentId, code: input.code, kind: input.kind, name: input.name, nameUr: input.nameUr ?? null, district: input.district ?? null, province: input.province ?? null, path: `${parentPath}${id}/` })
      .returning(unitColumns);
    await writeAudit(tx, actor, origin, { action: 'unit.create', recordType: 'unit', recordId: id, fields: Object.keys(input) });
    return row!;
  });
}

export interface UnitPatch {
  version: number;
  name?: string | undefined;
  nameUr?: string | null | undefined;
  kind?: string | undefined;
  district?: string | null | undefined;
  province?: string | null | undefined;
  active?: boolean | undefined;
}

export async function updateUnit(deps: Deps, actor: UserActor, id: string, patch: UnitPatch, origin: Origin) {
  return deps.db.transaction(async (tx) => {
    const unit = await findUnit(tx, id);
    if (!unit) throw notFound('unit');
    assertCan(actor, 'unit.update', unit, { type: 'unit', id }, { status: 403, message: 'You may change units only below your own unit.' });
    const { version, ...changes } = patch;
    const [row] = await tx
      .update(units)
      .set({ ...changes, version: sql`${units.version} + 1`, updatedAt: new Date() })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning(unitColumns);
    if (!row) throw staleVersion('unit', unit.version);
    await writeAudit(tx, actor, origin, { action: 'unit.update', recordType: 'unit', recordId: id, fields: Object.keys(changes) });
    return row;
  });
}

// ---- users -----------------------------------------------------------------------------------

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: units.name,
  unitPath: units.path,
  roles: users.roles,
  active: users.active,
  totpSecret: users.totpSecret,
  lockedUntil: users.lockedUntil,
  failedLogins: users.failedLogins,
  createdAt: users.createdAt,
  version: users.version,
};

interface UserRow {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  roles: string[];
  active: boolean;
  totpSecret: string | null;
  lockedUntil: Date | null;
  failedLogins: number;
  createdAt: Date;
  version: number;
}

/** What leaves the server about a user: never the password hash or the TOTP secret. */
export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    unit: { id: row.unitId, name: row.unitName },
    roles: row.roles,
    active: row.active,
    totpEnrolled: row.totpSecret !== null,
    totpRequired: requiresTotp(row.roles),
    locked: row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now(),
    failedLogins: row.failedLogins,
    createdAt: row.createdAt,
    version: row.version,
  };
}

export async function findUser(db: Executor, id: string): Promise<UserRow | null> {
  const [row] = await db.select(userColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id));
  return row ?? null;
}

export interface UserQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  role?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(deps: Deps, actor: UserActor, query: UserQuery) {
  const conditions: SQL[] = [unitScope(actor, units.path)];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (query.unitId) conditions.push(eq(users.unitId, query.unitId));
  if (query.role) conditions.push(sql`${query.role} = ANY(${users.roles})`);
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select(userColumns)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    deps.db.select({ n: count() }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(where),
  ]);
  return { items: rows.map(presentUser), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  password: string;
}

export async function createUser(deps: Deps, actor: Actor, input: NewUser, origin: Origin = {}) {
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw unprocessable(problem, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId);
    if (!unit) throw notFound('unit');
    assertCan(actor, 'user.create', unit, { type: 'unit', id: unit.id });
    const [clash] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
    if (clash) throw conflict(`The username "${input.username}" is taken.`, { field: 'username' });
    const [row] = await tx
      .insert(users)
      .values({ username: input.username, displayName: input.displayName, unitId: input.unitId, roles: [...new Set(input.roles)], passwordHash })
      .returning({ id: users.id });
    await writeAudit(tx, actor, origin, { action: 'user.create', recordType: 'user', recordId: row!.id, fields: ['username', 'displayName', 'unitId', 'roles', 'password'], details: { roles: input.roles } });
    return presentUser((await findUser(tx, row!.id))!);
  });
}

export interface UserPatch {
  version: number;
  displayName?: string | undefined;
  unitId?: string | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
}

/** Loads a user the actor may administer, or answers 404 (the user's existence must not leak). */
async function userInScope(db: Executor, actor: UserActor, id: string) {
  const user = await findUser(db, id);
  if (!user) throw notFound('user');
  assertCan(actor, 'user.read', user, { type: 'user', id });
  assertCan(actor, 'user.update', user, { type: 'user', id }, { status: 403, message: 'You cannot change your own account here; use your account page.' });
  return user;
}

export async function updateUser(deps: Deps, actor: UserActor, id: string, patch: UserPatch, origin: Origin) {
  return deps.db.transaction(async (tx) => {
    const user = await userInScope(tx, actor, id);
    const { version, ...changes } = patch;
    if (changes.unitId && changes.unitId !== user.unitId) {
      const unit = await findUnit(tx, changes.unitId);
      if (!unit) throw notFound('unit');
      assertCan(actor, 'user.create', unit, { type: 'unit', id: unit.id });
    }
    const [row] = await tx
      .update(users)
      .set({ ...changes, ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}), version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning({ id: users.id });
    if (!row) throw staleVersion('user', user.version);
    // A change of unit, roles or status takes effect at once: the person signs in again.
    if (changes.unitId || changes.roles || changes.active === false) await deleteUserSessions(tx, id);
    await writeAudit(tx, actor, origin, { action: 'user.update', recordType: 'user', recordId: id, fields: Object.keys(changes), details: changes.roles ? { roles: changes.roles } : undefined });
    return presentUser((await findUser(tx, id))!);
  });
}

export async function resetPassword(deps: Deps, actor: UserActor, id: string, password: string, origin: Origin) {
  const user = await userInScope(deps.db, actor, id);
  const problem = passwordProblem(password, user.username);
  if (problem) throw unprocessable(problem, { field: 'password' });
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await writeAudit(tx, actor, origin, { action: 'user.resetPassword', recordType: 'user', recordId: id, fields: ['password'] });
  });
}

export async function resetTotp(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  await userInScope(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, updatedAt: new Date() }).where(eq(users.id, id));
    await deleteUserSessions(tx, id);
    await writeAudit(tx, actor, origin, { action: 'user.resetTotp', recordType: 'user', recordId: id, fields: ['totp_secret'] });
  });
}

export async function unlockUser(deps: Deps, actor: UserActor, id: string, origin: Origin) {
  await userInScope(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await writeAudit(tx, actor, origin, { action: 'user.unlock', recordType: 'user', recordId: id });
  });
}

export async function findUserIdByUsername(db: Executor, username: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row?.id ?? null;
}
