import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeUser, PASSWORD, signIn, testEnv, type TestEnv } from '../../../../test/support.js';
import { sessions, users } from '../../db/schema.js';
import { totpCode } from '../../platform/auth.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const login = (body: object) => env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body });

describe('sign-in', () => {
  it('401 without a session', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Please sign in.', details: null } });
  });

  it('signs in with password, sets an httpOnly SameSite=Strict cookie, and returns a CSRF token', async () => {
    const user = await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' });
    const res = await login({ username: user.username.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'hz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.user.username).toBe(user.username);
    expect(body.user.unit.name).toBe('ATU Coordination & Monitoring Cell');
    expect(body.mfaPending).toBe(false);
    const stored = await env.deps.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored.every((s) => s.tokenHash !== cookie.value)).toBe(true); // only a hash is stored
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const user = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    const wrong = await login({ username: user.username, password: 'not the password' });
    const unknown = await login({ username: 'nobody-here', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after repeated failures and tells how long', async () => {
    const user = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    for (let i = 0; i < 5; i++) expect((await login({ username: user.username, password: `wrong-${i}` })).statusCode).toBe(401);
    const locked = await login({ username: user.username, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().error.message).toMatch(/locked for \d+ more seconds/);
  });

  it('rotates the session on sign-in: the old cookie stops working', async () => {
    const user = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    const first = await signIn(env.app, user);
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: first.cookie }, payload: { username: user.username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect((await as(env.app, first).get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('rejects unknown fields and malformed bodies with 400 and a readable message', async () => {
    const extra = await login({ username: 'a', password: 'b', remember: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.code).toBe('validation');
    const notJson = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toMatch(/not valid JSON/);
    const tooBig = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }) });
    expect(tooBig.statusCode).toBe(413);
  });
});

describe('session timeouts', () => {
  it('a session idle longer than the idle timeout, or older than the absolute limit, is over', async () => {
    const user = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    const idle = await signIn(env.app, user);
    const old = await signIn(env.app, user);
    const [idleRow, oldRow] = await env.deps.db.select().from(sessions).where(eq(sessions.userId, user.id)).orderBy(sessions.createdAt);
    await env.deps.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, idleRow!.id));
    await env.deps.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, oldRow!.id));
    expect((await as(env.app, idle).get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await as(env.app, old).get('/api/v1/auth/session')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, accepts it with the token', async () => {
    const user = await makeUser(env.deps, { roles: ['gazette-editor'], unit: 'ATU-CMC' });
    const s = await signIn(env.app, user);
    const without = await env.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie: s.cookie }, payload: { name: 'x' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const withToken = await as(env.app, s).post('/api/v1/auth/tokens', { name: 'script' });
    expect(withToken.statusCode).toBe(201);
  });
});

describe('two-factor', () => {
  it('a role that sees victim identity must enrol before doing anything else, then signs in with a code', async () => {
    const user = await makeUser(env.deps, { roles: ['atu-investigator'], unit: 'ATU-LHR', totp: false });
    const s = await signIn(env.app, user);
    const session = (await as(env.app, s).get('/api/v1/auth/session')).json();
    expect(session.mfaPending).toBe(true);
    expect((await as(env.app, s).get('/api/v1/auth/tokens')).json().error.code).toBe('totp_enrolment_required');

    const setup = await as(env.app, s).post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri, qrSvg } = setup.json();
    expect(uri).toContain('otpauth://totp/');
    expect(qrSvg).toContain('<svg');
    const [row] = await env.deps.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpPendingSecret).not.toContain(secret); // stored encrypted

    expect((await as(env.app, s).post('/api/v1/auth/totp/confirm', { code: '000000' })).statusCode).toBe(422);
    expect((await as(env.app, s).post('/api/v1/auth/totp/confirm', { code: totpCode(secret) })).statusCode).toBe(204);
    expect((await as(env.app, s).get('/api/v1/auth/tokens')).statusCode).toBe(200);

    // Next sign-in needs the code; a replayed code is refused.
    expect((await login({ username: user.username, password: PASSWORD })).json().error.code).toBe('totp_required');
    const code = totpCode(secret, Date.now() + 30_000);
    expect((await login({ username: user.username, password: PASSWORD, totp: code })).statusCode).toBe(200);
    expect((await login({ username: user.username, password: PASSWORD, totp: code })).json().error.code).toBe('invalid_totp');
  });
});

describe('sign-out, password change and API tokens', () => {
  it('signs out of one session', async () => {
    const user = await makeUser(env.deps, { roles: ['auditor'], unit: 'MOI' });
    const s = await signIn(env.app, user);
    expect((await as(env.app, s).post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await as(env.app, s).get('/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('signs out everywhere: every session ends and every API token is revoked', async () => {
    const user = await makeUser(env.deps, { roles: ['auditor'], unit: 'MOI' });
    const a = await signIn(env.app, user);
    const b = await signIn(env.app, user);
    const token = (await as(env.app, a).post('/api/v1/auth/tokens', { name: 'pbx' })).json().token as string;
    const bearer = () => env.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).statusCode).toBe(200);
    const res = await as(env.app, a).post('/api/v1/auth/logout-all');
    expect(res.json().sessionsEnded).toBe(2);
    expect((await as(env.app, b).get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await bearer()).statusCode).toBe(401);
  });

  it('changes the password: wrong current one is refused, weak new one explained, other sessions end', async () => {
    const user = await makeUser(env.deps, { roles: ['auditor'], unit: 'MOI' });
    const a = await signIn(env.app, user);
    const b = await signIn(env.app, user);
    expect((await as(env.app, a).post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'a new long password 1' })).statusCode).toBe(422);
    const weak = await as(env.app, a).post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.message).toMatch(/at least 12 characters/);
    expect((await as(env.app, a).post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password 1' })).statusCode).toBe(204);
    expect((await as(env.app, a).get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await as(env.app, b).get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await login({ username: user.username, password: 'a new long password 1' })).statusCode).toBe(200);
  });

  it('API tokens authenticate without CSRF, can be listed without their secret, and revoked', async () => {
    const user = await makeUser(env.deps, { roles: ['monitoring-cell-analyst'], unit: 'ATU-CMC' });
    const s = await signIn(env.app, user);
    const created = (await as(env.app, s).post('/api/v1/auth/tokens', { name: 'telephone system', expiresInDays: 30 })).json();
    expect(created.token).toMatch(/^hzt_/);
    const list = (await as(env.app, s).get('/api/v1/auth/tokens')).json();
    expect(JSON.stringify(list)).not.toContain(created.token);
    const write = await env.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { authorization: `Bearer ${created.token}` }, payload: { name: 'second' } });
    expect(write.statusCode).toBe(201);
    expect((await as(env.app, s).delete(`/api/v1/auth/tokens/${created.id}`)).statusCode).toBe(204);
    const after = await env.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${created.token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per client address', async () => {
    const limited = await testEnv({ loginPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
