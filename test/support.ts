// Test support: a real database per test file (in-memory PGlite, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL), the real app, and factories for people.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '../src/domain/roles.js';
import { buildApp } from '../src/server/app.js';
import { createDeps } from '../src/server/bootstrap.js';
import { users } from '../src/server/db/schema.js';
import { createUser, findUnitByCode } from '../src/server/modules/admin/service.js';
import { newTotpSecret, totpCode } from '../src/server/platform/auth.js';
import { loadConfig } from '../src/server/platform/config.js';
import { FieldCipher } from '../src/server/platform/crypto.js';
import { openDatabase } from '../src/server/platform/db.js';
import type { Deps } from '../src/server/platform/http.js';
import { ensureReferenceData } from '../src/server/seed/index.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestEnv {
  deps: Deps;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** A fresh, migrated database with the reference unit tree, and the app on top of it. */
export async function testEnv(overrides: Partial<ReturnType<typeof loadConfig>> = {}): Promise<TestEnv> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `hz_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const config = { ...loadConfig({ NODE_ENV: 'test' }), loginPerMinute: 10_000, apiPerMinute: 100_000, ...overrides };
  const cipher = new FieldCipher([{ id: 'test1', key: crypto.randomBytes(32) }], crypto.randomBytes(32));
  const deps: Deps = await createDeps(database, cipher, config, 'test');
  await ensureReferenceData(deps);
  const app = await buildApp(deps);
  return {
    deps,
    app,
    close: async () => {
      await app.close();
      await database.close();
      await dropDb?.();
    },
  };
}

export async function unitId(deps: Deps, code: string): Promise<string> {
  const unit = await findUnitByCode(deps.db, code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}

export interface TestUser {
  id: string;
  username: string;
  totpSecret: string | null;
}

let counter = 0;

/** A user in a unit with roles; enrolled in TOTP when the role requires it (secret returned). */
export async function makeUser(deps: Deps, opts: { roles: Role[]; unit: string; username?: string; totp?: boolean }): Promise<TestUser> {
  counter += 1;
  const username = opts.username ?? `${opts.roles[0]}-${counter}-${crypto.randomBytes(2).toString('hex')}`;
  const created = await createUser(deps, { kind: 'system', name: 'cli' }, { username, displayName: `Test ${username}`, unitId: await unitId(deps, opts.unit), roles: opts.roles, password: PASSWORD });
  let totpSecret: string | null = null;
  if (opts.totp ?? created.totpRequired) {
    totpSecret = newTotpSecret();
    await deps.db
      .update(users)
      .set({ totpSecret: deps.cipher.encrypt(totpSecret, { table: 'users', column: 'totp_secret', id: created.id }) })
      .where(eq(users.id, created.id));
  }
  return { id: created.id, username, totpSecret };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'hz_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `hz_session=${c.value}`;
}

/** Signs in through the API as a browser would. */
export async function signIn(app: FastifyInstance, user: TestUser, password = PASSWORD): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.username, password, ...(user.totpSecret ? { totp: totpCode(user.totpSecret) } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed ${res.statusCode}: ${res.body}`);
  return { cookie: cookieFrom(res), csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** A request as the signed-in browser session (cookie + CSRF header on writes). */
export function as(app: FastifyInstance, s: Session) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
  };
}
